/**
 * Structure-aware generators for multi-file compose projects (issue 13): a compose file with any of
 * an override file, `extends:` (same file and `extends: {file: ...}`), `include:` (short and long
 * syntax with `env_file:` and `project_directory:`), service `env_file:`, a project `.env`, a built
 * Dockerfile, anchors and merge keys, YAML escapes in scalars (`\u00e9`, `\x24`, `\/`, `''`, line
 * continuations, block scalars), volumes with `${VAR:-fallback}` sources, and symlinks to files
 * inside the project and to files OUTSIDE it holding secrets.
 *
 * A generated project is plain data (ProjectSpec): texts, symlinks and outside files, plus what the
 * generator knows about it (the fallback volumes it wrote, where), so that properties can check the
 * findings against it. Every secret value starts with MARK and is written only where a value may be
 * (an env file, the API's env, a URL's password, a file outside the project): no output may hold it.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import fc from 'fast-check';
import { applyMutations, mutationsArb, type Mutation } from './mutate';

export const MARK = 's3cr3t-';
/** The absolute path written for the directory outside the project when no real one exists (lint() cases). */
export const NO_OUTSIDE = '/nonexistent-outside';

/** Variables whose values are secrets, one per place a value can reach. */
export const SECRET_VALUES: Record<string, string> = {
  SEC_DATA: `/srv/${MARK}data`,
  SEC_TGT: `/${MARK}tgt`,
  SEC_SUB: `${MARK}sub`,
  SEC_VOL: `${MARK}vol`,
  SEC_INC: `${MARK}inc.yaml`,
  SEC_EXT: `${MARK}ext.yaml`,
  SEC_EF: `${MARK}ef.env`,
  SEC_CTX: `${MARK}ctx`,
  SEC_DF: `${MARK}Dockerfile`,
  SEC_NAME: `${MARK}name`,
  SEC_IMAGE: `${MARK}image:1`,
  SEC_CMD: `${MARK}cmd`,
  SEC_URL: `postgres://app:${MARK}url@db/app`,
};

function envText(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${value}\n`)
    .join('');
}

/** Files outside the project (in `../outside/`): every one holds secrets, and some have findings if read. */
export const OUTSIDE_FILES: Record<string, string> = {
  'dot.env': envText(Object.fromEntries(Object.keys(SECRET_VALUES).map((name) => [name, `${MARK}outside-${name.toLowerCase()}`]))),
  'secret.env': `TOKEN=${MARK}outside-envfile\n`,
  'inc.yaml': `services:\n  ${MARK}outside-inc:\n    image: alpine\n    volumes:\n      - \${OUT:-./${MARK}outside}:/out\n`,
  'other.yaml': `services:\n  base:\n    image: ${MARK}outside-image\n    volumes:\n      - \${OUT:-./${MARK}outside}:/out\n`,
  'compose.yaml': `services:\n  ${MARK}outside-walk:\n    image: alpine\n    volumes:\n      - \${OUT:-./data}:/data\n`,
};

// ---------------------------------------------------------------------------------------------
// Choices

const SOURCES = ['fallback', 'fallback-unset', 'no-default', 'required', 'literal', 'named', 'secret-named', 'secret-source'] as const;
const FALLBACKS = ['./data', './donnée', "./it's", '/srv/data', '', './a b'] as const;
const TARGETS = ['plain', 'secret', 'secret-sub'] as const;
/** How a scalar is written. The escaped styles make value and bytes differ: a fix must not be offered there, the finding must stay. */
export const STYLES = ['plain', 'double', 'double-escaped', 'single', 'continued', 'block-literal', 'block-folded', 'long'] as const;
const PLACES = ['inside', 'linked-inside', 'linked-outside', 'relative-outside', 'absolute-outside', 'secret', 'proc'] as const;

export type Style = (typeof STYLES)[number];
type Place = (typeof PLACES)[number];

export interface VolumeChoice {
  source: (typeof SOURCES)[number];
  /** One of FALLBACKS, or the fixed fallback of a volume the generator always writes. */
  fallback: string;
  target: (typeof TARGETS)[number];
  style: Style;
  escapeSeed: number;
  ro: boolean;
}

export interface ServiceChoice {
  image: 'python:3.12-slim' | 'alpine' | 'litestream/litestream' | 'secret';
  build: 'none' | 'short' | 'long' | 'secret-context' | 'secret-dockerfile';
  command: 'none' | 'url-credentials' | 'secret-var' | 'list';
  envFile: 'none' | Place;
  environment: 'none' | 'map' | 'list' | 'database-url';
  extendsFrom: 'none' | 'same-file' | 'same-file-short' | 'other-file' | 'other-linked' | 'other-outside' | 'other-secret';
  mergeBase: boolean;
  volumes: VolumeChoice[];
}

export interface ProjectChoice {
  composeName: 'compose.yaml' | 'docker-compose.yml' | 'compose.yml';
  name: 'none' | 'literal' | 'secret';
  services: ServiceChoice[];
  override: { linked: boolean; volumes: VolumeChoice[] } | null;
  include: {
    syntax: 'short' | 'long';
    path: Place;
    envFile: 'none' | 'inside' | 'relative-outside' | 'proc' | 'secret';
    projectDirectory: 'none' | '.' | 'sub';
    environ: boolean;
    volumes: VolumeChoice[];
  } | null;
  dotenv: 'none' | 'file' | 'linked-inside' | 'linked-outside';
  rootlink: boolean;
  dockerfileCredentials: boolean;
  shared: boolean;
}

const volumeArb: fc.Arbitrary<VolumeChoice> = fc.record({
  source: fc.constantFrom(...SOURCES),
  fallback: fc.constantFrom(...FALLBACKS),
  target: fc.constantFrom(...TARGETS),
  style: fc.constantFrom(...STYLES),
  escapeSeed: fc.nat({ max: 0xffff }),
  ro: fc.boolean(),
});

const serviceArb: fc.Arbitrary<ServiceChoice> = fc.record({
  image: fc.constantFrom('python:3.12-slim' as const, 'alpine' as const, 'litestream/litestream' as const, 'secret' as const),
  build: fc.constantFrom('none' as const, 'short' as const, 'long' as const, 'secret-context' as const, 'secret-dockerfile' as const),
  command: fc.constantFrom('none' as const, 'url-credentials' as const, 'secret-var' as const, 'list' as const),
  envFile: fc.constantFrom('none' as const, ...PLACES),
  environment: fc.constantFrom('none' as const, 'map' as const, 'list' as const, 'database-url' as const),
  extendsFrom: fc.constantFrom(
    'none' as const,
    'same-file' as const,
    'same-file-short' as const,
    'other-file' as const,
    'other-linked' as const,
    'other-outside' as const,
    'other-secret' as const,
  ),
  mergeBase: fc.boolean(),
  volumes: fc.array(volumeArb, { maxLength: 3 }),
});

export const projectArb: fc.Arbitrary<ProjectChoice> = fc.record({
  composeName: fc.constantFrom('compose.yaml' as const, 'docker-compose.yml' as const, 'compose.yml' as const),
  name: fc.constantFrom('none' as const, 'literal' as const, 'secret' as const),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 3 }),
  override: fc.option(fc.record({ linked: fc.boolean(), volumes: fc.array(volumeArb, { minLength: 1, maxLength: 2 }) }), { nil: null }),
  include: fc.option(
    fc.record({
      syntax: fc.constantFrom('short' as const, 'long' as const),
      path: fc.constantFrom(...PLACES.filter((place) => place !== 'proc')),
      envFile: fc.constantFrom('none' as const, 'inside' as const, 'relative-outside' as const, 'proc' as const, 'secret' as const),
      projectDirectory: fc.constantFrom('none' as const, '.' as const, 'sub' as const),
      environ: fc.boolean(),
      volumes: fc.array(volumeArb, { minLength: 1, maxLength: 2 }),
    }),
    { nil: null },
  ),
  dotenv: fc.constantFrom('none' as const, 'file' as const, 'linked-inside' as const, 'linked-outside' as const),
  rootlink: fc.boolean(),
  dockerfileCredentials: fc.boolean(),
  shared: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// The project as files

/** A fallback volume the generator wrote: a volume-source-fallback finding must name this file at this line. */
export interface ExpectedFallback {
  file: string;
  /** 1-based line where the `${` of the expression is written. */
  line: number;
  style: Style;
  /** The variable the expression names. */
  variable: string;
}

export interface ProjectSpec {
  /** Regular files inside the project, posix paths. */
  files: Record<string, string>;
  /** Symlinks inside the project: path -> target, as written in the link (relative to its directory). */
  links: Record<string, string>;
  /** Variables the API caller passes (`lint(..., { env })`). */
  env: Record<string, string>;
  /** Fallback volumes in files the project certainly loads (not through a secret or outside path). */
  fallbacks: ExpectedFallback[];
  /** What the project uses, for the per-generator counts. */
  features: string[];
}

/** Writes a scalar in a YAML style; `seed` picks which characters an escaping style escapes and where a line is continued. */
export function renderScalar(value: string, style: Style, seed: number, indent: number): string {
  const pad = ' '.repeat(indent + 4);
  const doubleQuoted = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  switch (style) {
    case 'plain':
    case 'long':
      return /^[-?:,[\]{}#&*!|>'"%@`]|: | #|^\s|\s$/.test(value) || value === '' ? doubleQuoted(value) : value;
    case 'double':
      return doubleQuoted(value);
    case 'double-escaped': {
      let out = '';
      let bits = seed | 1;
      for (const char of value) {
        bits = (bits * 1103515245 + 12345) & 0x7fffffff;
        const pick = bits % 3;
        if (char === '$') out += pick === 0 ? '\\x24' : pick === 1 ? '\\u0024' : '$';
        else if (char === '/') out += pick === 0 ? '\\/' : '/';
        else if (char === 'é') out += pick === 2 ? 'é' : '\\u00e9';
        else if (char === '\\' || char === '"') out += `\\${char}`;
        else out += char;
      }
      // At least one escape, so the style means what it says.
      return `"${out === value ? out.replace('$', '\\x24') : out}"`;
    }
    case 'single':
      return `'${value.replace(/'/g, "''")}'`;
    case 'continued': {
      // An escaped line break inside a double-quoted scalar: the break and the next line's indentation vanish.
      const at = value.length === 0 ? 0 : 1 + (seed % value.length);
      const quoted = doubleQuoted(value);
      return `${quoted.slice(0, at)}\\\n${pad}${quoted.slice(at)}`;
    }
    case 'block-literal':
      return `|-\n${pad}${value}`;
    case 'block-folded':
      return `>-\n${pad}${value}`;
  }
}

class Builder {
  private counter = 0;
  readonly fallbacks: ExpectedFallback[] = [];
  readonly features = new Set<string>();

  next(): number {
    return ++this.counter;
  }

  /** Lines of one volume list item at `indent`; records an expected fallback when `file` is certainly loaded. */
  volume(choice: VolumeChoice, indent: number, file: string | undefined, lines: string[]): void {
    const k = this.next();
    const variable = `DATA${k}`;
    const source = {
      fallback: `\${${variable}:-${choice.fallback}}`,
      'fallback-unset': `\${${variable}-${choice.fallback}}`,
      'no-default': `\${${variable}}`,
      required: `\${${variable}:?set ${variable}}`,
      literal: `./lit${k}`,
      named: 'dbdata',
      'secret-named': '${SEC_VOL}',
      'secret-source': '${SEC_DATA}',
    }[choice.source];
    const target = { plain: `/data${k}`, secret: `\${SEC_TGT}${k}`, 'secret-sub': `/var/\${SEC_SUB}/${k}` }[choice.target];
    this.features.add(`volume:${choice.source}`);
    this.features.add(`style:${choice.style}`);
    this.features.add(`target:${choice.target}`);
    const dash = `${' '.repeat(indent)}- `;
    const expect = (firstLine: number): void => {
      if (file && (choice.source === 'fallback' || choice.source === 'fallback-unset')) this.fallbacks.push({ file, line: firstLine, style: choice.style, variable });
    };
    if (choice.style === 'long') {
      const named = choice.source === 'named' || choice.source === 'secret-named';
      const inner = ' '.repeat(indent + 2);
      lines.push(`${dash}type: ${named ? 'volume' : 'bind'}`);
      const styled = renderScalar(source, choice.escapeSeed % 2 === 0 ? 'plain' : choice.escapeSeed % 4 === 1 ? 'double-escaped' : 'single', choice.escapeSeed, indent);
      expect(lines.length + 1);
      lines.push(`${inner}source: ${styled}`);
      lines.push(`${inner}target: ${target}`);
      if (choice.ro) lines.push(`${inner}read_only: true`);
      return;
    }
    const value = `${source}:${target}${choice.ro ? ':ro' : ''}`;
    const rendered = renderScalar(value, choice.style, choice.escapeSeed, indent);
    // Block scalars start on the next line; the others on the item's line.
    expect(lines.length + 1 + (choice.style.startsWith('block') ? 1 : 0));
    lines.push(...`${dash}${rendered}`.split('\n'));
  }
}

/** Where a path choice points, as written in a compose file; `base` is a file name inside the project. */
function placePath(place: Place, base: string, outsideName: string, secretVariable: string, outsideDir: string): string {
  switch (place) {
    case 'inside':
      return base;
    case 'linked-inside':
      return `linked-${base}`;
    case 'linked-outside':
      return `out-${base}`;
    case 'relative-outside':
      return `../outside/${outsideName}`;
    case 'absolute-outside':
      return `${outsideDir}/${outsideName}`;
    case 'secret':
      return `\${${secretVariable}}`;
    case 'proc':
      return '/proc/self/environ';
  }
}

/** Makes the files a path choice needs: the inside file, a link to it, or a link out of the project. */
function placeFiles(place: Place, base: string, outsideName: string, text: string, spec: ProjectSpec): void {
  if (place === 'inside' || place === 'linked-inside') spec.files[base] = text;
  if (place === 'linked-inside') spec.links[`linked-${base}`] = base;
  if (place === 'linked-outside') spec.links[`out-${base}`] = `../outside/${outsideName}`;
}

function serviceLines(name: string, choice: ServiceChoice, builder: Builder, file: string, spec: ProjectSpec, lines: string[], outsideDir: string): void {
  lines.push(`  ${name}:`);
  if (choice.mergeBase) lines.push('    <<: *base');
  const image = choice.image === 'secret' ? '${SEC_IMAGE}' : choice.image;
  lines.push(`    image: ${image}`);
  if (choice.build !== 'none') spec.files.Dockerfile ??= DOCKERFILE;
  if (choice.build === 'short') lines.push('    build: .');
  if (choice.build === 'long') lines.push('    build:', '      context: .', '      dockerfile: Dockerfile');
  if (choice.build === 'secret-context') lines.push('    build:', '      context: ${SEC_CTX}');
  if (choice.build === 'secret-dockerfile') lines.push('    build:', '      context: .', '      dockerfile: ${SEC_DF}');
  if (choice.command === 'url-credentials') lines.push(`    command: ["litestream", "replicate", "s3://key:${MARK}cmd-url@bucket.example/db"]`);
  if (choice.command === 'secret-var') lines.push('    command: sh -c "run ${SEC_CMD} ${SEC_URL}"');
  if (choice.command === 'list') lines.push('    command:', '      - serve', `      - --db=postgres://u:${MARK}cmd-list@db/x`);
  if (choice.envFile !== 'none') {
    const path = placePath(choice.envFile, 'app.env', 'secret.env', 'SEC_EF', outsideDir);
    placeFiles(choice.envFile, 'app.env', 'secret.env', `APP_TOKEN=${MARK}app-env\n`, spec);
    lines.push(`    env_file: ${path}`);
  }
  if (choice.environment === 'map') lines.push('    environment:', '      MODE: prod', '      URL: ${SEC_URL}');
  if (choice.environment === 'list') lines.push('    environment:', '      - MODE=prod', '      - URL=${SEC_URL}');
  if (choice.environment === 'database-url') lines.push('    environment:', '      DATABASE_URL: sqlite:///${SEC_TGT}1/app.db');
  if (choice.extendsFrom === 'same-file') lines.push('    extends:', '      service: base');
  if (choice.extendsFrom === 'same-file-short') lines.push('    extends: base');
  if (choice.extendsFrom.startsWith('other-')) {
    const place: Place = { 'other-file': 'inside', 'other-linked': 'linked-inside', 'other-outside': 'relative-outside', 'other-secret': 'secret' }[
      choice.extendsFrom as 'other-file'
    ] as Place;
    lines.push('    extends:', `      file: ${placePath(place, 'other.yaml', 'other.yaml', 'SEC_EXT', outsideDir)}`, '      service: base');
  }
  if (choice.volumes.length > 0) {
    lines.push('    volumes:');
    for (const volume of choice.volumes) builder.volume(volume, 6, file, lines);
  }
}

const DOCKERFILE = 'FROM python:3.12-slim\nENV DATABASE_URL=sqlite:////data/app.db\nCMD ["python", "-m", "app"]\n';
const SERVICE_NAMES = ['app', 'web', 'worker'];

/** The base service that `extends: {file: other.yaml}` names; its fallback volume is on line 5. */
const OTHER_FILE = 'services:\n  base:\n    image: alpine\n    volumes:\n      - ${BASE_DATA:-./base}:/base\n';
const OTHER_FILE_FALLBACK_LINE = 5;

/** The project a choice describes; `outsideDir` is the absolute path its absolute outside paths name. */
export function buildProject(choice: ProjectChoice, outsideDir = NO_OUTSIDE): ProjectSpec {
  const builder = new Builder();
  const spec: ProjectSpec = { files: {}, links: {}, env: { ...SECRET_VALUES }, fallbacks: [], features: [] };
  const main = choice.composeName;
  const lines: string[] = [];
  if (choice.name === 'literal') lines.push('name: demo');
  if (choice.name === 'secret') lines.push('name: ${SEC_NAME}');
  const usesBase = choice.services.some((service) => service.mergeBase);
  if (usesBase) {
    builder.features.add('anchors');
    lines.push('x-base: &base', '  environment:', '    DATABASE_URL: sqlite:////data/app.db', '  volumes:');
    // The anchored volumes reach a service only where no `volumes:` of its own overrides the merge key.
    const used = choice.services.some((service) => service.mergeBase && service.volumes.length === 0);
    builder.volume({ source: 'fallback', fallback: './anchored', target: 'plain', style: 'plain', escapeSeed: 0, ro: false }, 4, used ? main : undefined, lines);
  }
  if (choice.include) {
    const include = choice.include;
    builder.features.add(`include:${include.syntax}:${include.path}`);
    const certain = include.path === 'inside' || include.path === 'linked-inside';
    const path = placePath(include.path, 'inc.yaml', 'inc.yaml', 'SEC_INC', outsideDir);
    const incLines = ['services:', '  included:', '    image: alpine', '    volumes:'];
    const incFile = include.path === 'linked-inside' ? 'linked-inc.yaml' : 'inc.yaml';
    for (const volume of include.volumes) builder.volume(volume, 6, certain && include.projectDirectory !== 'sub' ? incFile : undefined, incLines);
    if (include.environ) incLines.push('include:', '  - ${PATH}');
    placeFiles(include.path, 'inc.yaml', 'inc.yaml', `${incLines.join('\n')}\n`, spec);
    lines.push('include:');
    if (include.syntax === 'short') lines.push(`  - ${path}`);
    else {
      lines.push(`  - path: ${path}`);
      if (include.envFile !== 'none') {
        builder.features.add(`include-env_file:${include.envFile}`);
        const envFile = { inside: 'inc.env', 'relative-outside': '../outside/dot.env', proc: '/proc/self/environ', secret: '${SEC_EF}' }[include.envFile];
        if (include.envFile === 'inside') spec.files['inc.env'] = envText({ INC_SECRET: `${MARK}inc-env` });
        lines.push(`    env_file: ${envFile}`);
      }
      if (include.projectDirectory !== 'none') {
        builder.features.add(`include-project_directory:${include.projectDirectory}`);
        lines.push(`    project_directory: ${include.projectDirectory}`);
      }
    }
  }
  lines.push('services:');
  const needsSameFileBase = choice.services.some((service) => service.extendsFrom === 'same-file' || service.extendsFrom === 'same-file-short');
  if (needsSameFileBase) {
    builder.features.add('extends:same-file');
    lines.push('  base:', '    image: alpine', '    volumes:');
    builder.volume({ source: 'fallback', fallback: './based', target: 'plain', style: 'plain', escapeSeed: 0, ro: false }, 6, main, lines);
  }
  choice.services.forEach((service, index) => {
    for (const [key, value] of Object.entries(service)) if (typeof value === 'string') builder.features.add(`${key}:${value}`);
    if (service.extendsFrom.startsWith('other-')) {
      const place = { 'other-file': 'inside', 'other-linked': 'linked-inside', 'other-outside': 'relative-outside', 'other-secret': 'secret' }[
        service.extendsFrom as 'other-file'
      ] as Place;
      placeFiles(place, 'other.yaml', 'other.yaml', OTHER_FILE, spec);
      const seen = place === 'inside' ? 'other.yaml' : place === 'linked-inside' ? 'linked-other.yaml' : undefined;
      if (seen && !builder.fallbacks.some((expected) => expected.file === seen)) {
        builder.fallbacks.push({ file: seen, line: OTHER_FILE_FALLBACK_LINE, style: 'plain', variable: 'BASE_DATA' });
      }
    }
    serviceLines(SERVICE_NAMES[index], service, builder, main, spec, lines, outsideDir);
  });
  if (choice.shared) {
    builder.features.add('shared-volume');
    for (const name of ['writer-a', 'writer-b']) {
      lines.push(`  ${name}:`, '    image: python:3.12-slim', '    environment:', '      DATABASE_URL: sqlite:////data/app.db', '    volumes:', '      - ${SEC_VOL}:/data', '      - ./state:${SEC_TGT}');
    }
  }
  lines.push('volumes:', '  dbdata: {}');
  spec.files[main] = `${lines.join('\n')}\n`;

  if (choice.override) {
    builder.features.add(choice.override.linked ? 'override:linked' : 'override');
    const overridePath = main.replace(/\.ya?ml$/, (extension) => `.override${extension}`);
    const overrideLines = ['services:', `  ${SERVICE_NAMES[0]}:`, '    environment:', '      MODE: override', '    volumes:'];
    const textFile = choice.override.linked ? 'real/override.yaml' : overridePath;
    for (const volume of choice.override.volumes) builder.volume(volume, 6, overridePath, overrideLines);
    spec.files[textFile] = `${overrideLines.join('\n')}\n`;
    if (choice.override.linked) spec.links[overridePath] = 'real/override.yaml';
  }
  if (choice.dotenv !== 'none') {
    builder.features.add(`dotenv:${choice.dotenv}`);
    const text = envText(SECRET_VALUES);
    if (choice.dotenv === 'file') spec.files['.env'] = text;
    if (choice.dotenv === 'linked-inside') {
      spec.files['envs/real.env'] = text;
      spec.links['.env'] = 'envs/real.env';
    }
    if (choice.dotenv === 'linked-outside') spec.links['.env'] = '../outside/dot.env';
  }
  if (choice.rootlink) {
    builder.features.add('rootlink');
    spec.links.rootlink = '../outside';
  }
  if (choice.dockerfileCredentials) {
    builder.features.add('dockerfile-credentials');
    spec.files.Dockerfile = `FROM python:3.12-slim\nARG INDEX_URL=https://user:${MARK}arg@pypi.example/simple\nENV DATABASE_URL=postgres://app:${MARK}env-url@db/app\nCMD ["python", "-m", "app"]\n`;
  }
  spec.fallbacks = builder.fallbacks;
  spec.features = [...builder.features].sort();
  return spec;
}

/** Byte mutations (./mutate.ts) of one of a project's files, for variants the generators do not write. */
export interface ProjectMutation {
  /** Index into the project's files, modulo their number. */
  file: number;
  mutations: Mutation[];
}

/** One case in four mutates a file of the generated project. */
export const projectMutationArb: fc.Arbitrary<ProjectMutation | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.record({ file: fc.nat(), mutations: mutationsArb }), weight: 1 },
);

const MAIN_COMPOSE_NAMES = new Set<string>(['compose.yaml', 'docker-compose.yml', 'compose.yml']);

/**
 * The project with one file mutated. The generator no longer knows which fallbacks the file holds,
 * so none is expected there; a BOM is dropped (edit offsets count from after it, the checks read raw text).
 */
export function mutateProject(spec: ProjectSpec, mutation: ProjectMutation | null): ProjectSpec {
  // A mutated secret is no longer in the form litelint promises to hide (a URL's password): files with one stay as written.
  const names = Object.keys(spec.files)
    .filter((name) => !spec.files[name].includes(MARK))
    .sort();
  if (!mutation || names.length === 0) return spec;
  const name = names[mutation.file % names.length];
  const text = applyMutations(Buffer.from(spec.files[name], 'utf8'), mutation.mutations).toString('utf8').replace(/^\uFEFF+/, '');
  return {
    ...spec,
    files: { ...spec.files, [name]: text },
    // The main file decides which other files are read (include, extends): mutated, it may read none of them.
    fallbacks: MAIN_COMPOSE_NAMES.has(name) ? [] : spec.fallbacks.filter((expected) => resolveInside(spec, expected.file) !== name),
    features: [...spec.features, 'mutated'],
  };
}

// ---------------------------------------------------------------------------------------------
// Reading and writing a project

/** Resolves a project path through the project's symlinks; undefined when it leaves the project or does not exist. */
export function resolveInside(spec: ProjectSpec, path: string): string | undefined {
  let current = posix.normalize(path);
  for (let hops = 0; hops < 8; hops++) {
    if (current.startsWith('../') || current.startsWith('/') || current === '..') return undefined;
    if (current in spec.files) return current;
    const link = spec.links[current];
    if (link === undefined) return undefined;
    current = posix.normalize(posix.join(posix.dirname(current), link));
  }
  return undefined;
}

/** The text of a project file as an API caller that serves only the project would give it. */
export function projectText(spec: ProjectSpec, path: string): string | undefined {
  const real = resolveInside(spec, path);
  return real === undefined ? undefined : spec.files[real];
}

/** The files `litelint .` discovers inside the project (by name), symlinks to files inside included. */
export function discoveredFiles(spec: ProjectSpec, kindOf: (path: string) => string | undefined): string[] {
  return [...Object.keys(spec.files), ...Object.keys(spec.links)]
    .filter((path) => kindOf(path) !== undefined && resolveInside(spec, path) !== undefined)
    .sort();
}

/** The directory outside the project that writeProject(spec, root) fills. */
export function outsideDirOf(root: string): string {
  return join(root, 'outside');
}

/** Writes the project to `root/project`, the outside files to `root/outside`; returns the project directory. */
export function writeProject(spec: ProjectSpec, root: string): string {
  const project = join(root, 'project');
  const outside = outsideDirOf(root);
  mkdirSync(project, { recursive: true });
  mkdirSync(outside, { recursive: true });
  for (const [name, text] of Object.entries(OUTSIDE_FILES)) writeFileSync(join(outside, name), text);
  for (const [path, text] of Object.entries(spec.files)) {
    const absolute = join(project, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  for (const [path, target] of Object.entries(spec.links)) {
    const absolute = join(project, path);
    mkdirSync(dirname(absolute), { recursive: true });
    symlinkSync(target, absolute);
  }
  return project;
}
