/**
 * Seeds for the fuzz test: the bundled examples, the shared conformance inputs (compose snippets
 * and multi-file projects, Dockerfiles, shell words, interpolation templates, env files) and a few
 * fixtures of our own (Kamal with ERB, compose anchors and merge keys, Dockerfile heredocs).
 *
 * A seed is a small project: `files` (posix paths, all under `mut/`) and `target`, the one file
 * the fuzzer mutates. `lint` lists the files handed to `lint()`; the others are only readable as
 * project files (a `.env`, an included compose file), as the CLI makes them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { kindFromName } from '../../src/kinds';
import { readConformance } from '../conformance';

export interface Seed {
  name: string;
  files: Record<string, string>;
  /** Files passed to lint() (the rest are evidence, read through readFile). */
  lint: string[];
  /** The file the fuzzer mutates. */
  target: string;
}

export const REPO_ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.resolve(__dirname, '../fixtures/robustness');
const PREFIX = 'mut/';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const absolute = path.join(dir, name);
    if (statSync(absolute).isDirectory()) out.push(...walk(absolute));
    else out.push(absolute);
  }
  return out;
}

/** Every directory with files of a lintable kind becomes one seed per lintable file. */
function directorySeeds(root: string, label: string): Seed[] {
  const byDir = new Map<string, Record<string, string>>();
  for (const absolute of walk(root)) {
    const rel = path.relative(root, absolute).split(path.sep).join('/');
    // The project root of a seed is the directory holding the lintable file (config/ for Kamal is inside it).
    const top = rel.includes('/config/deploy') ? rel.slice(0, rel.indexOf('/config/deploy')) : path.posix.dirname(rel);
    const files = byDir.get(top) ?? {};
    const inside = top === '.' ? rel : rel.slice(top.length + 1);
    files[inside] = readFileSync(absolute, 'utf8');
    byDir.set(top, files);
  }
  const seeds: Seed[] = [];
  for (const [dir, files] of byDir) {
    const prefixed = Object.fromEntries(Object.entries(files).map(([name, text]) => [PREFIX + name, text]));
    const lintable = Object.keys(prefixed).filter((name) => kindFromName(name) !== undefined);
    for (const target of lintable) seeds.push({ name: `${label}/${dir}/${target.slice(PREFIX.length)}`, files: prefixed, lint: lintable, target });
  }
  return seeds;
}

function single(name: string, file: string, text: string): Seed {
  return { name, files: { [PREFIX + file]: text }, lint: [PREFIX + file], target: PREFIX + file };
}

/** A YAML double-quoted scalar for any string (JSON strings are valid YAML flow scalars). */
function yamlQuoted(text: string): string {
  return JSON.stringify(text);
}

const ENV_CONSUMER =
  'services:\n  app:\n    image: x\n    env_file: .env\n    volumes:\n      - ${DATA:-./data}:/data\n      - ${FOO}:/foo\n      - "${OPTION_A:?set it}:/a"\n';

export function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  seeds.push(...directorySeeds(path.join(REPO_ROOT, 'examples'), 'examples'));
  seeds.push(...directorySeeds(FIXTURES, 'fixtures'));

  const dockerfiles = readConformance<{ cases: { id: string; dockerfile_text?: string }[] }>('dockerfile.json');
  for (const c of dockerfiles.cases) if (c.dockerfile_text !== undefined) seeds.push(single(`dockerfile.json/${c.id}`, 'Dockerfile', c.dockerfile_text));

  const volumes = readConformance<{ cases: { id: string; compose_snippet?: string; compose_files?: Record<string, string> }[] }>('volumes.json');
  for (const c of volumes.cases) {
    if (c.compose_snippet !== undefined) seeds.push(single(`volumes.json/${c.id}`, 'compose.yaml', c.compose_snippet));
    if (c.compose_files) {
      const names = Object.keys(c.compose_files);
      // The first file is the one compose is pointed at; the others are included, extended or overrides.
      const files = Object.fromEntries(names.map((name) => [PREFIX + name, c.compose_files?.[name] ?? '']));
      const main = PREFIX + names[0];
      const lint = [main];
      // Named compose files (compose.yaml, compose.override.yaml) are linted too when discovery would find them.
      for (const name of names.slice(1)) if (kindFromName(name) === 'compose' && !name.includes('/')) lint.push(PREFIX + name);
      for (const target of lint) seeds.push({ name: `volumes.json/${c.id}/${target.slice(PREFIX.length)}`, files, lint, target });
    }
  }

  const shell = readConformance<{ cases: { id: string; input: string }[] }>('dockerfile_shell_expansion.json');
  for (const c of shell.cases) {
    seeds.push(single(`dockerfile_shell_expansion.json/${c.id}`, 'Dockerfile', `FROM alpine AS base\nARG V=${c.input}\nENV W=${c.input}\nFROM ${c.input}\nCOPY --from=base ${c.input} /x\n`));
  }

  const templates = readConformance<{ id: string; input: string }[]>('interpolation.json');
  for (const c of templates) {
    seeds.push(single(`interpolation.json/${c.id}`, 'compose.yaml', `services:\n  app:\n    image: ${yamlQuoted(c.input)}\n    volumes:\n      - ${yamlQuoted(`${c.input}:/data`)}\n`));
  }

  const dotenv = readConformance<{ single_file: { id: string; env_file_text: string }[] }>('dotenv.json');
  for (const c of dotenv.single_file) {
    seeds.push({
      name: `dotenv.json/${c.id}`,
      files: { [`${PREFIX}.env`]: c.env_file_text, [`${PREFIX}compose.yaml`]: ENV_CONSUMER },
      lint: [`${PREFIX}compose.yaml`],
      target: `${PREFIX}.env`,
    });
  }
  return seeds;
}

/**
 * The untouched sibling: a project in its own directory with one finding planted in each kind
 * (a compose fallback, a Dockerfile parse error, a Kamal file). Its findings must not change,
 * whatever the mutated file next to it contains.
 */
export const SIBLING: Record<string, string> = {
  'sibling/compose.yaml': 'services:\n  db:\n    image: x\n    volumes:\n      - ${SIB_DATA:-./sib}:/data\n',
  'sibling/.env': 'OTHER=1\n',
  'sibling/Dockerfile': 'FROM alpine:3.19\nRUN echo ok\nFOOBAR planted\n',
  'sibling/config/deploy.yml': 'service: sib\nimage: acme/sib\nservers:\n  - 192.0.2.1\nvolumes:\n  - /srv/sib:/data\n',
};
export const SIBLING_LINTED = ['sibling/compose.yaml', 'sibling/Dockerfile', 'sibling/config/deploy.yml'];
