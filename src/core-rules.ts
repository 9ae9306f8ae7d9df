/**
 * Findings that come from reading (and, with --fix, writing) files rather than from a rule in
 * rules/. `parse-error`, `internal-error` and `fix-failed` cannot be switched off; the others take
 * a level like any rule.
 */
export const CORE_RULES = {
  'parse-error': 'A file that cannot be read as what it is named (or was skipped), so nothing else in it was checked.',
  'invalid-interpolation': 'A compose value whose ${...} template Docker Compose refuses.',
  'unused-ignore': 'A litelint-ignore comment that suppresses nothing (with --report-unused-ignores).',
  'outside-project': 'A project file litelint did not read because its real path is outside the project root (or in /proc, /sys, /dev).',
  'internal-error': 'litelint itself failed; please report it.',
  'fix-failed': '--fix did not rewrite a file (read-only, changed while linted, or the write failed); its findings are reported unfixed.',
} as const;

export const CORE_RULE_IDS = ['invalid-interpolation', 'unused-ignore', 'outside-project'];
