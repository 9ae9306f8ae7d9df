import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { parseCompose } from '../../src/compose/parse';
import { defaultSettings, type Settings } from '../../src/config';
import { parseDockerfile } from '../../src/dockerfile/parse';
import type { DockerfileModel } from '../../src/dockerfile/model';
import { parseKamal } from '../../src/kamal/parse';
import { joinProjectPath, ProjectModel } from '../../src/project';
import { SourceFile } from '../../src/source';
import type { Finding, Report, Rule } from '../../src/types';

/** ProjectModel with the parsers imported directly (the engine loads them lazily through require). */
class TestProject extends ProjectModel {
  private readonly parsed = new Map<string, DockerfileModel | undefined>();

  constructor(private readonly texts: Map<string, string>) {
    super((path) => texts.get(path));
  }

  override parseDockerfileAt(path: string): DockerfileModel | undefined {
    const key = joinProjectPath(path);
    const linted = this.dockerfiles.find((model) => model.file.path === key);
    if (linted) return linted;
    if (!this.parsed.has(key)) {
      const text = this.texts.get(key);
      this.parsed.set(key, text === undefined ? undefined : parseDockerfile(new SourceFile(key, text, 'dockerfile')));
    }
    return this.parsed.get(key);
  }
}

export interface SimpleFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  related?: Report['related'];
}

function kindOf(path: string): 'dockerfile' | 'compose' | 'kamal' | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/(^|\.)(Dockerfile|Containerfile)($|\.)|\.dockerfile$/i.test(base)) return 'dockerfile';
  if (/^(docker-)?compose.*\.ya?ml$/.test(base)) return 'compose';
  if (/(^|\/)config\/deploy(\.[\w-]+)?\.yml$/.test(path)) return 'kamal';
  return undefined;
}

/**
 * Runs one rule over a project given as `{path: text}`: Dockerfiles, compose and Kamal files are
 * parsed and linted; every other file is only readable as evidence (lockfiles, requirements).
 */
export function runRule(rule: Rule, files: Record<string, string>, settings: Partial<Settings> = {}): SimpleFinding[] {
  const texts = new Map(Object.entries(files).map(([path, text]) => [joinProjectPath(path), text]));
  const project = new TestProject(texts);
  for (const [path, text] of texts) {
    const kind = kindOf(path);
    if (!kind) continue;
    const file = new SourceFile(path, text, kind);
    if (kind === 'dockerfile') project.add(parseDockerfile(file));
    else if (kind === 'compose') project.add(parseCompose(file, { readFile: (p: string) => project.readFile(p), env: new Map() }));
    else project.add(parseKamal(file));
  }
  const findings: SimpleFinding[] = [];
  const fullSettings = { ...defaultSettings(), ...settings };
  rule.check({
    project,
    options: fullSettings.rules[rule.meta.id]?.options ?? {},
    settings: fullSettings,
    report(report) {
      findings.push({
        rule: rule.meta.id,
        severity: report.severity ?? rule.meta.defaultSeverity,
        file: report.file,
        line: report.range.start.line,
        column: report.range.start.column,
        endLine: report.range.end.line,
        endColumn: report.range.end.column,
        message: report.message,
        related: report.related,
      });
    },
  });
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** `file:line:column` of each finding, for exact-position assertions. */
export function at(findings: readonly (SimpleFinding | Finding)[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`);
}

/** The files of an example folder (`examples/distro-sqlite/bad`), keyed by their path inside it. */
export function exampleFiles(folder: string): Record<string, string> {
  const root = nodePath.join(__dirname, '..', '..', 'examples', folder);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const absolute = nodePath.join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else files[nodePath.relative(root, absolute).split(nodePath.sep).join('/')] = fs.readFileSync(absolute, 'utf8');
    }
  };
  walk(root);
  return files;
}
