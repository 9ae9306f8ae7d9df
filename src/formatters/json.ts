import type { Finding } from '../types';
import { escapeJsonText } from './escape';

/** The stable JSON contract: version 1, findings without internal fields (fixes). */
export function toJsonFinding(finding: Finding): Record<string, unknown> {
  const { rule, severity, file, line, column, endLine, endColumn, message, messageId, help, docs, related } = finding;
  const entry: Record<string, unknown> = { rule, severity, file, line, column, endLine, endColumn, message };
  if (messageId) entry.messageId = messageId;
  if (help) entry.help = help;
  entry.docs = docs;
  if (related?.length) entry.related = related;
  return entry;
}

export function formatJson(findings: readonly Finding[]): string {
  return escapeJsonText(`${JSON.stringify({ version: 1, findings: findings.map(toJsonFinding) }, null, 2)}\n`);
}
