import type { FixedSpan, FixVersions } from '../knowledge/fixed';

/**
 * Fills the version placeholders of a suggested assert (`data/sqlite-knowledge.json` runtimes'
 * `assert`) from the fixed versions in force, so a suggested RUN line follows the data and a
 * `.litelint.yaml` `sqlite-fixed-range:` override instead of a version written into the line:
 *
 * - `{{minimum}}`: `3.51.3`; `{{python-minimum}}`: `(3, 51, 3)`;
 * - `{{python-fixed}}`: every fixed span, `v >= (3, 51, 3) or (3, 50, 7) <= v < (3, 51) ...`;
 * - `{{js-minimum}}`, `{{awk-minimum}}`: `a, b, c` (`$1, $2, $3`) at or above the minimum;
 * - `{{grep-minimum}}`: an ERE for the version strings at or above the minimum.
 *
 * The comparisons read the major as SQLite's, 3: no SQLite 2 library is loaded by these runtimes.
 */
export function fillAssert(template: string, fix: FixVersions): string {
  const [major, minor, patch] = parts(fix.minimum);
  const values: Record<string, string> = {
    minimum: fix.minimum,
    'python-minimum': tuple(fix.minimum),
    'python-fixed': [fix.current, ...fix.backports].map(pythonSpan).join(' or '),
    'js-minimum': `a > ${major} || b > ${minor} || (b === ${minor} && c >= ${patch})`,
    'awk-minimum': `$1 > ${major} || $2 > ${minor} || ($2 == ${minor} && $3 + 0 >= ${patch})`,
    'grep-minimum': `^${major}\\.(${atLeast(minor + 1)}|${minor}\\.(${atLeast(patch)}))`,
  };
  return template.replace(/\{\{([a-z-]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function parts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.replace(/-.*$/, '').split('.').map(Number);
  return [major, minor, patch];
}

/** `(3, 51, 3)`; an upper bound drops a zero patch, as Python compares `(3, 51)` the same way. */
function tuple(version: string, trimZeroPatch = false): string {
  const [major, minor, patch] = parts(version);
  return trimZeroPatch && patch === 0 ? `(${major}, ${minor})` : `(${major}, ${minor}, ${patch})`;
}

function pythonSpan(span: FixedSpan): string {
  return span.below === undefined ? `v >= ${tuple(span.from)}` : `${tuple(span.from)} <= v < ${tuple(span.below, true)}`;
}

/** An ERE alternation for the decimal numbers from `n` up to 99 (SQLite's minor and patch numbers stay below 100). */
function atLeast(n: number): string {
  if (n < 10) return `[${n}-9]|[1-9][0-9]`;
  const tens = Math.floor(n / 10);
  const same = `${tens}[${n % 10}-9]`;
  return tens < 9 ? `${same}|[${tens + 1}-9][0-9]` : same;
}
