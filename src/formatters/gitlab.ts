import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../types';
import type { FormatContext } from './context';
import { escapeJsonText } from './escape';
import { fingerprints } from './sarif';

/**
 * GitLab Code Quality (the `codequality` report artifact): a JSON array of issues, each with
 * description, check_name, fingerprint, severity and location.path / location.lines.begin.
 * https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 *
 * GitLab compares the fingerprints of the merge request's report with the target branch's to say
 * which issues are new, so the fingerprint is the one SARIF uses (./sarif.ts): the rule, the file
 * and the text of the flagged line, not its line number; edits elsewhere in the file keep it.
 */

type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITIES: Record<Severity, GitlabSeverity> = { error: 'critical', warning: 'major', info: 'info' };

export function formatGitlab(findings: readonly Finding[], context: FormatContext): string {
  const hashes = fingerprints(findings, context.sourceText);
  const issues = findings.map((finding, index) => ({
    type: 'issue',
    description: finding.message,
    check_name: finding.rule,
    categories: ['Bug Risk'],
    // GitLab's examples are MD5 digests (32 hex digits); this is one of the SARIF fingerprint, occurrence included.
    fingerprint: createHash('md5').update(hashes[index]).digest('hex'),
    severity: SEVERITIES[finding.severity],
    location: { path: finding.file, lines: { begin: Math.max(1, finding.line), end: Math.max(1, finding.endLine) } },
  }));
  return escapeJsonText(`${JSON.stringify(issues, null, 2)}\n`);
}
