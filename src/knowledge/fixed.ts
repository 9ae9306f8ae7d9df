// semver's index loads all of its ~50 modules at start-up; each function module loads only what it needs.
import coerce from 'semver/functions/coerce';
import Range from 'semver/classes/range';

/** A span of fixed releases: from `from` (inclusive) up to `below` (exclusive; open when absent). */
export interface FixedSpan {
  from: string;
  below?: string;
}

/**
 * The fixed releases as messages and suggested asserts name them: `current` is the span without an
 * upper bound (the release line to upgrade to), `backports` the bounded spans, newest first. They
 * are read from the fixed range in force, so a `.litelint.yaml` `sqlite-fixed-range:` is followed.
 */
export interface FixVersions {
  minimum: string;
  current: FixedSpan;
  backports: FixedSpan[];
}

/**
 * The fixed versions named by `range`; `fallbackMinimum` (the data's) when the range has no lower
 * bound to name (`*`) or is not a range.
 */
export function fixVersionsOf(range: string, fallbackMinimum: string): FixVersions {
  return spansOf(range) ?? { minimum: fallbackMinimum, current: { from: fallbackMinimum }, backports: [] };
}

/** Each `||` alternative of the range as a span; undefined when the range has no lower bound to name. */
function spansOf(text: string): FixVersions | undefined {
  const parsed = parseRange(text);
  if (!parsed) return undefined;
  const spans: FixedSpan[] = [];
  for (const comparators of parsed.set) {
    const lower = comparators.find((comparator) => comparator.operator === '>=' || comparator.operator === '' || comparator.operator === '>');
    if (!lower || lower.value === '') return undefined; // '*': no release to name
    const next = `${lower.semver.major}.${lower.semver.minor}.${lower.semver.patch + 1}`;
    const upper = lower.operator === '' ? next : comparators.find((comparator) => comparator.operator === '<')?.semver.version;
    spans.push({ from: lower.operator === '>' ? next : lower.semver.version, below: upper });
  }
  const byNewest = (a: FixedSpan, b: FixedSpan): number => compareVersions(b.from, a.from);
  const open = spans.filter((span) => span.below === undefined).sort(byNewest);
  const current = open[open.length - 1] ?? [...spans].sort(byNewest)[0];
  if (!current) return undefined;
  return { minimum: current.from, current, backports: spans.filter((span) => span !== current).sort(byNewest) };
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < 3; index++) if (left[index] !== right[index]) return left[index] - right[index];
  return 0;
}

/**
 * Normalises `3.46.1`, `3.46`, `3.46.1-7+deb13u2`, `v3.46.1` to a semver version, keeping only
 * the upstream part: distro revisions carry no backport today (sqlite-facts §1b).
 */
export function toSemver(version: string): string | undefined {
  return coerce(version)?.version ?? undefined;
}

/** The semver range `text`, or null when it is not one (a `.litelint.yaml` range is checked when read). */
export function parseRange(text: string): Range | null {
  try {
    return new Range(text);
  } catch {
    return null;
  }
}

/**
 * Whether a floating version tag (`22`, `24.14`, `1.3`) now points at a fixed release: the tag
 * follows its line's newest patch, so the line is fixed once any release in it is. Full versions
 * are checked as they are. `satisfies` tests a version against `fixedRange`.
 */
export function isFloatingVersionFixed(version: string, fixedRange: string, satisfies: (version: string, range: string) => boolean): boolean | undefined {
  const parts = version.replace(/^v/, '').split('.');
  if (!parts.every((part) => /^\d+$/.test(part)) || parts.length === 0 || parts.length > 3) return undefined;
  const newest = parts.length === 3 ? parts.join('.') : parts.length === 2 ? `${parts[0]}.${parts[1]}.99999` : `${parts[0]}.99999.99999`;
  return satisfies(newest, fixedRange);
}
