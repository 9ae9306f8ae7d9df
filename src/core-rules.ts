import type { RuleMeta } from './rule-api';

function core(id: string, defaultSeverity: RuleMeta['defaultSeverity'], configurable: boolean, description: string): RuleMeta {
  return { id, defaultSeverity, description, kinds: [], core: { configurable } };
}

/**
 * Findings that come from reading (and, with --fix, writing) files rather than from a rule in
 * rules/; the registry (./registry.ts) lists them after the rules. `parse-error`, `internal-error`
 * and `fix-failed` cannot be switched off; the others take a level like any rule.
 */
export const CORE_RULES: readonly RuleMeta[] = [
  core('parse-error', 'error', false, 'A file that cannot be read as what it is named (or was skipped), so nothing else in it was checked.'),
  core('invalid-interpolation', 'error', true, 'A compose value whose ${...} template Docker Compose refuses.'),
  core('unused-ignore', 'warning', true, 'A litelint-ignore comment that suppresses nothing (with --report-unused-ignores).'),
  core(
    'outside-project',
    'warning',
    true,
    'A project file litelint did not read because its real path is outside the project root (or in /proc, /sys, /dev).',
  ),
  core('internal-error', 'error', false, 'litelint itself failed; please report it.'),
  core(
    'fix-failed',
    'error',
    false,
    '--fix did not rewrite a file (read-only, changed while linted, or the write failed); its findings are reported unfixed.',
  ),
];
