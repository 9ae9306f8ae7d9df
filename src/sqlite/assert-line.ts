import type { FixedSpan, FixVersions } from '../knowledge/fixed';
import type { Knowledge } from '../knowledge/knowledge';
import type { ImageKnowledge } from '../knowledge/lookup';
import { systemAssertOf } from '../knowledge/package-format';
import type { SqliteEvidence } from './evidence-types';

/** Who opens SQLite, as far as the suggested assert cares. */
export interface AssertConsumer {
  runtime: string;
  sqlite: 'distro' | 'bundled';
  evidence: readonly SqliteEvidence[];
}

/** What the package check of a distribution reads: the package and the first fixed package version. */
export interface PackageFacts {
  package?: string;
  /** A distro revision with the fix backported, else the fixed upstream version. */
  packageMinimum?: string;
}

/**
 * Fills the version placeholders of a suggested assert (`data/sqlite-knowledge.json` runtimes'
 * `assert`) from the fixed versions in force, so a suggested RUN line follows the data and a
 * `.litelint.yaml` `sqlite-fixed-range:` override instead of a version written into the line:
 *
 * - `{{minimum}}`: `3.51.3`; `{{python-minimum}}`: `(3, 51, 3)`;
 * - `{{python-fixed}}`: every fixed span, `v >= (3, 51, 3) or (3, 50, 7) <= v < (3, 51) ...`;
 * - `{{js-minimum}}`, `{{awk-minimum}}`: `a, b, c` (`$1, $2, $3`) at or above the minimum;
 * - `{{grep-minimum}}`: an ERE for the version strings at or above the minimum;
 * - `{{package}}`, `{{package-minimum}}`: the distribution's package and the first package version
 *   with the fix (a backported revision where the data has one, else `{{minimum}}`).
 *
 * The comparisons read the major as SQLite's, 3: no SQLite 2 library is loaded by these runtimes.
 */
export function fillAssert(template: string, fix: FixVersions, facts: PackageFacts = {}): string {
  const [major, minor, patch] = parts(fix.minimum);
  const values: Record<string, string> = {
    minimum: fix.minimum,
    'python-minimum': tuple(fix.minimum),
    'python-fixed': [fix.current, ...fix.backports].map(pythonSpan).join(' or '),
    'js-minimum': `a > ${major} || b > ${minor} || (b === ${minor} && c >= ${patch})`,
    'awk-minimum': `$1 > ${major} || $2 > ${minor} || ($2 == ${minor} && $3 + 0 >= ${patch})`,
    'grep-minimum': `^${major}\\.(${atLeast(minor + 1)}|${minor}\\.(${atLeast(patch)}))`,
    package: facts.package ?? 'libsqlite3-0',
    'package-minimum': facts.packageMinimum ?? fix.minimum,
  };
  return template.replace(/\{\{([a-z-]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The RUN line that fails the build when the SQLite the detected runtime loads is older than the
 * fix, written for the final stage it goes into: its package manager (`dpkg`, `apk`, `rpm`), the
 * runtime it has, and a plain statement where the image has no shell to run a check in.
 */
export function assertFor(consumers: readonly AssertConsumer[], image: ImageKnowledge | undefined, knowledge: Knowledge): string {
  const distro = image?.distro;
  const facts: PackageFacts = { package: distro?.package, packageMinimum: distro?.fixedFromRevision };
  const line = fillAssert(templateFor(consumers, image, knowledge), knowledge.fixVersions, facts);
  const compiledIn = consumers.length > 0 && consumers.every((consumer) => knowledge.runtime(consumer.runtime)?.compiledIn);
  if (image?.repository?.noShell && !compiledIn) {
    return `${image.parsed?.name ?? 'the image'} has no shell to RUN a check in; run it in a stage FROM the same base with a shell (its :debug variant): ${line}`;
  }
  return line;
}

function templateFor(consumers: readonly AssertConsumer[], image: ImageKnowledge | undefined, knowledge: Knowledge): string {
  const system = systemAssert(image, knowledge);
  const ordered = [...consumers].sort((a, b) => (a.sqlite === b.sqlite ? 0 : a.sqlite === 'distro' ? -1 : 1));
  // Where the distribution patched the fix into an old version, only the package revision tells.
  if (image?.distro?.fixedFromRevision && ordered[0]?.sqlite === 'distro') return system;
  for (const consumer of ordered) {
    const runtime = knowledge.runtime(consumer.runtime);
    const byEvidence = runtime?.assertByEvidence?.find((entry) => consumer.evidence.length > 0 && consumer.evidence.every((item) => new RegExp(entry.match).test(item.description)));
    const line = byEvidence?.assert ?? runtime?.assert;
    if (line) return line.replace('{{system-assert}}', system);
  }
  const imageLine = image?.runtime ? knowledge.runtime(image.runtime)?.assert : undefined;
  if (imageLine) return imageLine.replace('{{system-assert}}', system);
  return system;
}

/**
 * The package check of the image's distribution (`systemAsserts`): dpkg, apk or rpm. Where the
 * distribution backported the fix, its revision check: the upstream version alone would fail there.
 */
function systemAssert(image: ImageKnowledge | undefined, knowledge: Knowledge): string {
  const entry = systemAssertOf(knowledge.data, image?.distroId);
  return (image?.distro?.fixedFromRevision && entry.revisionAssert) || entry.assert;
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
