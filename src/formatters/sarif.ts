import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { RuleRegistry } from '../registry';
import { docsUrl, type RuleMeta } from '../rule-api';
import { escapeJsonText } from './escape';
import type { Finding, RelatedLocation, Severity } from '../types';
import type { FormatContext } from './context';

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
 *
 * - Paths are relative URIs against `%SRCROOT%` (the directory litelint ran in); the log names no
 *   absolute path, so two runs on two machines give the same bytes.
 * - `partialFingerprints["litelint/v1"]` is `sha256(rule, file, text of the finding's first line
 *   with whitespace collapsed):n`, where n counts earlier findings with the same hash. It does not
 *   change when lines are added or removed above the finding, when the line is re-indented or when
 *   a message is reworded; it changes when the flagged line itself changes, which is a new finding.
 *   Without the file text (a file that could not be read) the message stands in for the line.
 */

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/litelint/litelint';
export const FINGERPRINT_KEY = 'litelint/v1';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub code scanning shows a rule as a security alert, with this score as its severity, only
 * when its tags include `security`. Every rule that checks a model is about SQLite losing or
 * corrupting data; the core findings (a file litelint could not read) are not.
 * GitHub reads >= 7.0 as high, >= 4.0 as medium, below as low.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };
const DATA_LOSS_TAGS = ['security', 'data-loss', 'sqlite'];

function pascalCase(id: string): string {
  return id.replace(/(?:^|-)([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** What a rule's descriptor is made from: its meta when the registry has one, else just the id. */
interface DescriptorSource {
  id: string;
  description: string;
  severity: Severity;
  kinds: readonly string[];
  remedy?: string;
  dataLoss: boolean;
}

function sourceOf(meta: RuleMeta): DescriptorSource {
  return { id: meta.id, description: meta.description, severity: meta.defaultSeverity, kinds: meta.kinds, remedy: meta.help, dataLoss: !meta.core };
}

function descriptor(source: DescriptorSource, ruleDoc: FormatContext['ruleDoc']): Sarif.ReportingDescriptor {
  const { id, description, severity, remedy } = source;
  const helpUri = docsUrl(id);
  const full = remedy ? `${description} ${remedy}` : description;
  const doc = ruleDoc?.(id);
  const entry: Sarif.ReportingDescriptor = {
    id,
    name: pascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: full },
    helpUri,
    // The rule's page (docs/rules/<id>.md) is the help GitHub shows beside an alert.
    help: doc ? { text: doc, markdown: doc } : { text: `${full} See ${helpUri}`, markdown: `${full}\n\n[Documentation](${helpUri})` },
    defaultConfiguration: { level: LEVELS[severity] },
  };
  const tags = [...(source.dataLoss ? DATA_LOSS_TAGS : []), ...source.kinds];
  const properties: Sarif.PropertyBag = {};
  if (tags.length > 0) properties.tags = tags;
  if (source.dataLoss) properties['security-severity'] = SECURITY_SEVERITY[severity];
  if (Object.keys(properties).length > 0) entry.properties = properties;
  return entry;
}

/** Every rule litelint can report, in the registry's order: the rules, then the core findings. */
export function ruleDescriptors(registry: RuleRegistry | undefined, ruleDoc?: FormatContext['ruleDoc']): Sarif.ReportingDescriptor[] {
  return (registry?.entries ?? []).map((meta) => descriptor(sourceOf(meta), ruleDoc));
}

/** A path as litelint prints it -> a SARIF artifactLocation (relative URI against %SRCROOT% when relative). */
export function artifactLocation(path: string): Sarif.ArtifactLocation {
  const slashed = path.replace(/\\/g, '/');
  const encode = (segments: string): string => segments.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${slashed.slice(0, 2)}${encode(slashed.slice(2))}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed), uriBaseId: '%SRCROOT%' };
}

function region(line: number, column: number, endLine?: number, endColumn?: number): Sarif.Region {
  const startLine = Math.max(1, line);
  const startColumn = Math.max(1, column);
  if (endLine === undefined || endColumn === undefined) return { startLine, startColumn };
  return { startLine, startColumn, endLine: Math.max(startLine, endLine), endColumn: Math.max(1, endColumn) };
}

function relatedLocation(related: RelatedLocation, id: number): Sarif.Location {
  return {
    id,
    physicalLocation: { artifactLocation: artifactLocation(related.file), region: region(related.line, related.column) },
    message: { text: related.message },
  };
}

/** Computes `partialFingerprints` values for findings in report order (see the file comment). */
export function fingerprints(findings: readonly Finding[], sourceText: FormatContext['sourceText']): string[] {
  const lines = new Map<string, string[] | undefined>();
  const lineOf = (file: string, line: number): string | undefined => {
    if (!lines.has(file)) lines.set(file, sourceText?.(file)?.split(/\r\n|\r|\n/));
    return lines.get(file)?.[line - 1];
  };
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const text = lineOf(finding.file, finding.line);
    const basis = text !== undefined ? `line\0${text.trim().replace(/\s+/g, ' ')}` : `message\0${finding.message}`;
    const hash = createHash('sha256').update(`${finding.rule}\0${finding.file}\0${basis}`).digest('hex');
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

export function formatSarif(findings: readonly Finding[], context: FormatContext): string {
  const descriptors = ruleDescriptors(context.registry, context.ruleDoc);
  const indexOf = new Map(descriptors.map((entry, index) => [entry.id, index]));
  for (const finding of findings) {
    if (indexOf.has(finding.rule)) continue;
    indexOf.set(finding.rule, descriptors.length);
    descriptors.push(descriptor({ id: finding.rule, description: finding.rule, severity: finding.severity, kinds: [], dataLoss: false }, context.ruleDoc));
  }
  const hashes = fingerprints(findings, context.sourceText);
  const results = findings.map((finding, index) => {
    const result: Sarif.Result = {
      ruleId: finding.rule,
      ruleIndex: indexOf.get(finding.rule),
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(finding.file),
            region: region(finding.line, finding.column, finding.endLine, finding.endColumn),
          },
        },
      ],
    };
    if (finding.related?.length) result.relatedLocations = finding.related.map(relatedLocation);
    result.partialFingerprints = { [FINGERPRINT_KEY]: hashes[index] };
    return result;
  });
  const version = context.toolVersion ? { version: context.toolVersion, semanticVersion: context.toolVersion } : {};
  const driver: Sarif.ToolComponent = { name: 'litelint', ...version, informationUri: INFORMATION_URI, rules: descriptors };
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        invocations: [{ executionSuccessful: !findings.some((finding) => finding.rule === 'internal-error') }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return escapeJsonText(`${JSON.stringify(log, null, 2)}\n`);
}
