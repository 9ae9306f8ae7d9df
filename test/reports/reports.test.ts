/**
 * Issue 17, reports: GitLab Code Quality, SARIF that GitHub code scanning shows well, JSON fixes
 * for editor plugins, and the JSON Schema of .litelint.yaml. In-process runs of the CLI on small
 * projects shaped like real ones (a service and the compose file beside its Dockerfile).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { registry, rules } from '../../rules';
import { loadConfigFile } from '../../src/config-file';
import { configSchema, knownRulesOf } from '../../src/config-schema';
import { runCli, tempProject } from '../helpers';
import { validateSarif } from '../integrations/support';

const ROOT = join(__dirname, '..', '..');
const COMPOSE = 'services:\n  app:\n    build: .\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n';
const DOCKERFILE = 'FROM node:22-bookworm-slim\nCMD ["node", "server.js"]\n';

interface GitlabIssue {
  type: string;
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

function gitlab(files: Record<string, string>): GitlabIssue[] {
  // The services build `.`: the Dockerfile is there, as in a real project.
  const result = runCli(['-f', 'gitlab'], { cwd: tempProject({ Dockerfile: DOCKERFILE, ...files }) });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as GitlabIssue[];
}

describe('-f gitlab: GitLab Code Quality', () => {
  it('one issue per finding with the fields GitLab reads', () => {
    const [issue, ...rest] = gitlab({ 'compose.yaml': COMPOSE, Dockerfile: DOCKERFILE });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      type: 'issue',
      check_name: 'volume-source-fallback',
      severity: 'critical',
      location: { path: 'compose.yaml', lines: { begin: 5, end: 5 } },
    });
    expect(issue.description).toMatch(/DATA_DIR/);
    expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the fingerprint survives unrelated edits (lines added above, another service) and changes with the flagged line', () => {
    const [before] = gitlab({ 'compose.yaml': COMPOSE });
    const edited = `# the web service\nservices:\n  cache:\n    image: redis:7\n${COMPOSE.slice('services:\n'.length)}`;
    const [after] = gitlab({ 'compose.yaml': edited });
    expect(after.location.lines.begin).toBe(8);
    expect(after.fingerprint).toBe(before.fingerprint);
    const [changed] = gitlab({ 'compose.yaml': COMPOSE.replace('./data', './db') });
    expect(changed.fingerprint).not.toBe(before.fingerprint);
  });

  it('two findings on identical lines get distinct fingerprints', () => {
    const twice = `${COMPOSE}  worker:\n    build: .\n    volumes:\n      - \${DATA_DIR:-./data}:/data\n`;
    const issues = gitlab({ 'compose.yaml': twice });
    expect(issues.map((issue) => issue.location.lines.begin)).toEqual([5, 9]);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(2);
  });
});

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  properties?: { tags?: string[]; 'security-severity'?: string };
}

describe('-f sarif: rules as GitHub code scanning shows them', () => {
  const result = runCli(['-f', 'sarif'], { cwd: tempProject({ 'compose.yaml': COMPOSE }) });
  const log = JSON.parse(result.stdout) as { runs: { tool: { driver: { rules: SarifRule[] } } }[] };
  const driverRules = log.runs[0].tool.driver.rules;

  it('still validates against the SARIF 2.1.0 schema', () => {
    expect(validateSarif(log)).toEqual([]);
  });

  it('each rule has short and full descriptions, help from its docs page (text and Markdown) and a helpUri', () => {
    for (const rule of driverRules) {
      const doc = readFileSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      expect(rule.help, rule.id).toEqual({ text: doc, markdown: doc });
      expect(rule.fullDescription.text.startsWith(rule.shortDescription.text), rule.id).toBe(true);
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
    }
  });

  it('the data-loss rules are security alerts with a security-severity; the core findings are not', () => {
    for (const rule of rules) {
      const entry = driverRules.find((candidate) => candidate.id === rule.meta.id);
      expect(entry?.properties?.tags).toEqual(expect.arrayContaining(['security', 'data-loss', ...rule.meta.kinds]));
      expect(entry?.properties?.['security-severity']).toBe({ error: '8.0', warning: '5.5', info: '2.0' }[rule.meta.defaultSeverity]);
    }
    const parseError = driverRules.find((rule) => rule.id === 'parse-error');
    expect(parseError?.properties?.['security-severity']).toBeUndefined();
    expect(parseError?.properties?.tags ?? []).not.toContain('security');
  });
});

describe('-f json: fixes and help for editor plugins', () => {
  it('a fixable finding carries its applicability and each edit as a range and replacement text', () => {
    const text = `\uFEFF${COMPOSE}`;
    const result = runCli(['-f', 'json'], { cwd: tempProject({ 'compose.yaml': text, Dockerfile: DOCKERFILE }) });
    const [found] = (JSON.parse(result.stdout) as { findings: Record<string, unknown>[] }).findings;
    expect(found.help).toMatch(/^Write \$\{DATA_DIR:\?/);
    const fix = found.fix as { applicability: string; edits: { range: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } }; text: string }[] };
    expect(fix.applicability).toBe('unsafe');
    expect(fix.edits.length).toBeGreaterThan(0);
    // Applying the edits (offsets are into the text without its BOM) gives what --unsafe-fixes writes.
    let fixed = text.slice(1);
    for (const edit of [...fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
      fixed = fixed.slice(0, edit.range.start.offset) + edit.text + fixed.slice(edit.range.end.offset);
    }
    expect(fixed).toMatch(/\$\{DATA_DIR:\?[^}]*\}:\/data/);
    const [first] = fix.edits;
    expect(first.range.start.line).toBe(5);
    const lines = text.slice(1).split('\n');
    expect(lines[4].slice(first.range.start.column - 1)).toBe(text.slice(1).slice(first.range.start.offset).split('\n')[0]);
  });

  it('a finding without a fix has no fix key', () => {
    const result = runCli(['-f', 'json'], { cwd: tempProject({ 'compose.yaml': 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA_DIR}:/data\n' }) });
    const findings = (JSON.parse(result.stdout) as { findings: Record<string, unknown>[] }).findings;
    for (const found of findings.filter((entry) => entry.rule !== 'volume-source-fallback')) expect(found.fix).toBeUndefined();
  });
});

describe('schema/litelint.schema.json', () => {
  const shipped = JSON.parse(readFileSync(join(ROOT, 'schema', 'litelint.schema.json'), 'utf8')) as Record<string, unknown>;
  const known = knownRulesOf(registry);

  it('is what the config loader\'s definitions generate (run `npm run schema` after changing them)', () => {
    expect(shipped).toEqual(configSchema(known));
  });

  it('agrees with the loader on configs it accepts and rejects', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(shipped);
    const cases: [string, boolean][] = [
      ['', true],
      ['rules:\n  volume-source-fallback: warning\n', true],
      ['rules:\n  volume-source-fallback: { level: off }\nignore: [legacy/]\nstrict: true\n', true],
      ['images:\n  registry.example.com/base:*:\n    distro: debian-12\n  ghcr.io/acme/app:\n    sqlite: 3.51.3\n', true],
      ['sqlite-fixed-range: ">=3.51.3"\n', true],
      ['rules:\n  volume-source-fallback: loud\n', false],
      ['rules:\n  no-such-rule: error\n', false],
      ['rules:\n  volume-source-fallback: { level: error, colour: red }\n', false],
      ['unknown: 1\n', false],
      ['ignore: legacy/\n', false],
      ['images:\n  ghcr.io/acme/app:\n    sqlite: latest\n', false],
      ['images:\n  ghcr.io/acme/app: {}\n', false],
      ['strict: yes please\n', false],
    ];
    for (const [text, accepted] of cases) {
      const dir = tempProject({ '.litelint.yaml': text });
      let loads = true;
      try {
        loadConfigFile(join(dir, '.litelint.yaml'), known);
      } catch {
        loads = false;
      }
      expect(loads, `loader: ${JSON.stringify(text)}`).toBe(accepted);
      expect(validate(parseYaml(text) ?? null), `schema: ${JSON.stringify(text)}`).toBe(accepted);
    }
  });

  it('ships with the package and the docs point editors at it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
    expect(readFileSync(join(ROOT, 'docs', 'usage.md'), 'utf8')).toContain(`# yaml-language-server: $schema=${shipped.$id as string}`);
  });
});
