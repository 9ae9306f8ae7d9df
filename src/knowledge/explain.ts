import type { BuiltinRuntime } from './builtins';
import { familiesAsOf } from './freshness';
import type { Knowledge } from './knowledge';

/** Text for `litelint --explain-image IMAGE`: what the run's knowledge says about the image, and from where. */
export function explainImage(reference: string, knowledge: Knowledge): string {
  const info = knowledge.lookupImage(reference);
  const lines: string[] = [`Image: ${reference}`];
  if (info.parsed) {
    lines.push(`  Repository: ${info.parsed.name}${info.parsed.registry ? ` (registry ${info.parsed.registry})` : ' (Docker Hub)'}`);
    if (info.parsed.tag !== undefined) lines.push(`  Tag: ${info.parsed.tag}`);
    if (info.parsed.digest) lines.push(`  Digest: ${info.parsed.digest}`);
  }
  if (info.settingsKey) lines.push(`  Taught by .litelint.yaml images: ${info.settingsKey}`);
  if (info.distro) lines.push(`  Distribution: ${info.distro.name} (${info.distroId})`);
  if (info.distro?.endOfLife) lines.push(`  End of life: ${info.distro.endOfLife === 'yes' ? 'yes' : `since ${info.distro.endOfLife}`} (no more updates, the fix will not come)`);
  if (info.runtime && info.runtime !== 'none') {
    const runtime = knowledge.runtime(info.runtime);
    const how = runtime ? (runtime.sqlite === 'distro' ? 'loads the system libsqlite3' : 'bundles its own SQLite') : 'unknown';
    lines.push(`  Runtime: ${runtime?.name ?? info.runtime} (${how})`);
  }
  if (info.systemSqlite) {
    const fixed = knowledge.isSystemSqliteFixed(info, info.systemSqlite);
    if (info.distro?.fixedFromRevision) lines.push(`  Backport: ${info.distro.name} patched the fix into ${info.distro.package} ${info.distro.fixedFromRevision}`);
    const pkg = info.distro ? ` in ${info.distro.package}${info.distro.packageVersion ? ` ${info.distro.packageVersion}` : ''}` : '';
    lines.push(`  System SQLite: ${info.systemSqlite}${pkg}: ${fixed ? 'has' : 'does NOT have'} the WAL-reset fix`);
    if (info.distro?.inBaseImage === false) lines.push('  Note: debian:bookworm-slim (and slim images built on it) has no libsqlite3 until a package installs it.');
  } else if (info.hasSystemSqlite === false) {
    lines.push('  System SQLite: none in the image');
  }
  const builtin = info.runtime && ['node', 'bun', 'deno'].includes(info.runtime) && info.runtimeVersion
    ? knowledge.builtinVerdict(info.runtime as BuiltinRuntime, info.runtimeVersion)
    : undefined;
  const line = info.runtime === 'node' && info.runtimeVersion ? knowledge.data.builtins.node.endOfLife?.[info.runtimeVersion.split('.')[0]] : undefined;
  if (line) lines.push(`  End of life: Node ${info.runtimeVersion!.split('.')[0]} since ${line}`);
  if (builtin) {
    lines.push(
      `  Built-in SQLite of ${info.runtime} ${builtin.version}: ${builtin.fixed ? 'has the fix' : `does NOT have the fix (first fixed: ${builtin.firstFixed ?? 'unknown'})`}`,
    );
  }
  if (!info.known) lines.push(`  Unknown: ${info.unknownReason}`);
  for (const note of info.notes) lines.push(`  Note: ${note}`);
  lines.push(`  Fixed SQLite versions: ${knowledge.fixedRange}${knowledge.fixedRangeFromSettings ? ' (from .litelint.yaml)' : ''}`);
  if (info.sources.length > 0) {
    lines.push('  Sources:');
    for (const source of info.sources) {
      lines.push(`    - ${source.what}: ${source.source} (as of ${source.asOf}${source.status ? `; ${source.status}` : ''})`);
    }
  }
  const families = Object.entries(familiesAsOf(knowledge.data));
  if (families.length > 0) lines.push(`  Knowledge as of: ${families.map(([family, date]) => `${family} ${date}`).join(', ')}`);
  return lines.join('\n');
}

/** `litelint --explain-image IMAGE -f json`: the same answer, for scripts. */
export interface ImageExplanation {
  image: string;
  known: boolean;
  unknownReason?: string;
  /** Distribution id (`alpine-3.19`, `debian-13`), when litelint knows it. */
  distribution?: string;
  distributionName?: string;
  runtime?: string;
  /** The system SQLite version, when the image has one litelint knows. */
  sqlite?: string;
  packageVersion?: string;
  /** Whether that SQLite has the WAL-reset fix; null when there is no SQLite version to judge. */
  fixed: boolean | null;
  endOfLife?: string;
  fixedRange: string;
  notes: string[];
  sources: { what: string; source: string; asOf: string; status?: string }[];
  /** The oldest as-of date of the sources the answer rests on. */
  asOf?: string;
  /** The as-of date of every fact family of the data. */
  knowledgeAsOf: Record<string, string>;
}

export function explainImageData(reference: string, knowledge: Knowledge): ImageExplanation {
  const info = knowledge.lookupImage(reference);
  const dates = info.sources.map((source) => source.asOf).filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date)).sort();
  return {
    image: reference,
    known: info.known,
    unknownReason: info.unknownReason,
    distribution: info.distroId,
    distributionName: info.distro?.name,
    runtime: info.runtime,
    sqlite: info.systemSqlite,
    packageVersion: info.distro?.packageVersion,
    fixed: info.systemSqlite ? (knowledge.isSystemSqliteFixed(info, info.systemSqlite) ?? null) : null,
    endOfLife: info.distro?.endOfLife,
    fixedRange: knowledge.fixedRange,
    notes: [...info.notes],
    sources: info.sources.map((source) => ({ ...source })),
    asOf: dates[0],
    knowledgeAsOf: familiesAsOf(knowledge.data),
  };
}
