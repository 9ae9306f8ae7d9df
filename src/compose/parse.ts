/**
 * Docker Compose files as compose-go loads them: per file YAML (anchors, merge keys, tags),
 * interpolation, `include`, `extends`; then the files merged in order; then each service read
 * into the model. Every value keeps the file and position where its text is written.
 */
import { posix } from 'path';
import { ParseError } from '../errors';
import { parseDotenv } from '../interpolation/dotenv';
import type { Env } from '../interpolation/template';
import { interpolate, InvalidTemplateError, lookupIn, MissingRequiredVariableError, parseTemplate } from '../interpolation/template';
import { SourceFile } from '../source';
import { joinNormalRelative } from '../paths';
import { writtenText } from '../quote';
import { refusedMessage } from '../refused-file';
import type { Range } from '../types';
import { asBuildMap, asKeyedMap, extendService, extendsReference, MergeConflict, MergeFold, mergeTrees, withoutResets } from './merge';
import type {
  ComposeBuild,
  ComposeDeploy,
  ComposeModel,
  ComposeService,
  EnvEntry,
  Located,
  LocatedIn,
  PublishedPort,
  ServiceVolume,
  TopLevelVolume,
  YamlScalar,
} from './model';
import { longSyntaxVolume, shortSyntaxVolume, toBoolean } from './volume-spec';
import type { TreeEntry, TreeMap, TreeNode, TreeScalar } from '../yaml/tree';
import { interpolationView, mapValue, rangeInScalar, scalarPart, scalarValue, yamlTrees } from '../yaml/tree';

export interface ComposeContext {
  /** Read another project file (for include / extends file: / the override file), path relative to project root, posix. */
  readFile(path: string): string | undefined;
  /** Variables for interpolation (project .env already merged by the caller); values may be secrets: never put them in messages. */
  env: ReadonlyMap<string, string>;
  /** Why `readFile` did not read `path` when it refused to (outside the project), else undefined. */
  refusal?(path: string): string | undefined;
}

type ComposeError = ComposeModel['errors'][number];

/** A compose file, with its override file (`compose.override.yaml` beside `compose.yaml`) when there is one. */
export function parseCompose(file: SourceFile, context: ComposeContext): ComposeModel {
  const files = [file];
  const overridePath = overrideFileFor(file.path, context);
  if (overridePath === undefined) return parseComposeFiles(files, context);
  const override = new SourceFile(overridePath, context.readFile(overridePath) ?? '', 'compose');
  const model = parseComposeFiles([file, override], context);
  model.overrideFile = override;
  return model;
}

/** Several files applied in order, as `docker compose -f a -f b`. The first file's syntax errors throw ParseError. */
export function parseComposeFiles(files: readonly SourceFile[], context: ComposeContext): ComposeModel {
  const { tree, loader } = load(files, context);
  const main = files[0];
  const model: ComposeModel = {
    kind: 'compose',
    file: main,
    services: [],
    volumes: [],
    mergedFiles: [...files.slice(1), ...loader.loadedFiles],
    errors: loader.errors,
    comments: loader.comments,
  };
  const name = scalarValue(mapValue(tree, 'name'));
  if (name) model.projectName = name.scalar;
  model.volumes = readTopLevelVolumes(mapValue(tree, 'volumes'), model.errors);
  model.services = readServices(mapValue(tree, 'services'), model.errors);
  if (!/\.override\.ya?ml$/.test(main.path)) checkVolumesDeclared(model);
  return model;
}

/**
 * The merged YAML tree of a project, before it is read into the model (for the parts of a
 * compose file the model does not keep, and for tests of the merge rules).
 */
export function loadComposeTree(files: readonly SourceFile[], context: ComposeContext): { tree: TreeMap; errors: ComposeError[] } {
  const { tree, loader } = load(files, context);
  return { tree, errors: loader.errors };
}

function load(files: readonly SourceFile[], context: ComposeContext) {
  const loader = new ComposeLoader(context);
  const projectDir = directoryOf(files[0].path);
  const tree = loader.loadProject(files, projectDir, context.env, true);
  return { tree, loader };
}

const DEFAULT_NAMES = /^(docker-)?compose\.ya?ml$/;

function overrideFileFor(path: string, context: ComposeContext): string | undefined {
  const base = posix.basename(path);
  if (!DEFAULT_NAMES.test(base)) return undefined;
  const stem = base.replace(/\.ya?ml$/, '');
  for (const extension of ['.yml', '.yaml']) {
    const candidate = joinPath(directoryOf(path), `${stem}.override${extension}`);
    if (context.readFile(candidate) !== undefined) return candidate;
  }
  return undefined;
}

function directoryOf(path: string): string {
  return posix.dirname(path.replace(/\\/g, '/'));
}

/** A path written in a file, relative to the project root (absolute paths stay as they are). */
function joinPath(baseDir: string, path: string): string {
  if (path.startsWith('/')) return posix.normalize(path);
  return joinNormalRelative([baseDir, path]) ?? posix.normalize(posix.join(baseDir, path));
}

// ---------------------------------------------------------------------------------------------
// Loading: files, interpolation, include, extends

class ComposeLoader {
  readonly errors: ComposeError[] = [];
  /** Files read besides the ones asked for (`include`, `extends: file:`). */
  readonly loadedFiles: SourceFile[] = [];
  /** The comments of every file read, each file's once (suppression comments are read from them). */
  readonly comments: Located[] = [];
  private readonly commented = new Set<SourceFile>();
  private readonly sources = new Map<string, SourceFile | undefined>();
  private readonly extendedFiles = new Map<string, TreeMap | undefined>();
  private readonly loading = new Set<string>();

  constructor(private readonly context: ComposeContext) {}

  private commentsOf(file: SourceFile): ((start: number, end: number) => void) | undefined {
    if (this.commented.has(file)) return undefined;
    this.commented.add(file);
    return (start, end) => this.comments.push({ value: file.text.slice(start, end), range: file.range(start, end) });
  }

  loadProject(files: readonly SourceFile[], baseDir: string, env: Env, firstIsMain: boolean): TreeMap {
    let result: TreeMap | undefined;
    const fold = new MergeFold();
    files.forEach((file, index) => {
      const tree = this.loadFile(file, baseDir, env, firstIsMain && index === 0);
      if (!tree) return;
      result = result ? this.merge(result, tree, fold) : withoutResets(tree);
    });
    return result ?? emptyMap(files[0], baseDir, env);
  }

  private sourceFile(path: string): SourceFile | undefined {
    if (this.sources.has(path)) return this.sources.get(path);
    const text = this.context.readFile(path);
    const file = text === undefined ? undefined : new SourceFile(path, text, 'compose');
    this.sources.set(path, file);
    if (file) this.loadedFiles.push(file);
    return file;
  }

  private error(message: string, file: SourceFile, start: number, end: number, rule?: string): void {
    this.errors.push({ message, file, range: file.range(start, end), ...(rule ? { rule } : {}) });
  }

  /** `over` merged onto `base`; a value compose-go refuses to merge is reported where it is written, and left out. */
  merge(base: TreeMap, over: TreeMap, fold: MergeFold): TreeMap {
    try {
      return mergeTrees(base, over, [], fold) as TreeMap;
    } catch (error) {
      if (!(error instanceof MergeConflict)) throw error;
      this.error(error.message, error.node.file, error.node.start, error.node.end);
      return base;
    }
  }

  /**
   * Reports a file `readFile` refused (outside the project) on the entry that names it, as
   * written; true when it was refused. Messages never name the interpolated path: it may hold a value.
   */
  reportRefused(path: string, written: string, file: SourceFile, start: number, end: number): boolean {
    const reason = this.context.refusal?.(path);
    if (reason === undefined) return false;
    this.errors.push({ message: refusedMessage(written, reason), file, range: file.range(start, end), rule: 'outside-project', refusedPath: path });
    return true;
  }

  /** One file: YAML, interpolation, then its `include` and `extends`. */
  private loadFile(file: SourceFile, baseDir: string, env: Env, isMain: boolean): TreeMap | undefined {
    const key = file.path;
    if (this.loading.has(key)) {
      this.error(`include/extends cycle through ${file.path}`, file, 0, 0);
      return undefined;
    }
    this.loading.add(key);
    try {
      const errorsBefore = this.errors.length;
      const fold = new MergeFold();
      let root: TreeMap | undefined;
      try {
        // Documents are merged as they are read: one parsed document at a time, one merge each.
        for (const tree of yamlTrees({
          file,
          baseDir,
          env,
          onValue: (scalar, path) => this.interpolateValue(scalar, path, file, env, baseDir),
          onError: (message, start, end) => this.error(message, file, start, end),
          onComment: this.commentsOf(file),
        })) {
          if (!tree) continue;
          if (tree.kind !== 'map') {
            const message = 'Top-level object must be a mapping';
            if (isMain) throw new ParseError(message, tree.start, tree.end);
            this.error(message, file, tree.start, tree.end);
            continue;
          }
          root = root ? this.merge(root, tree, fold) : tree;
        }
      } catch (error) {
        if (!(error instanceof ParseError) || isMain) throw error;
        // A file that does not load adds its parse error only, not what its earlier documents said.
        this.errors.length = errorsBefore;
        this.error(error.message, file, error.offset, error.endOffset ?? error.offset);
        return undefined;
      }
      if (!root) return undefined;
      root = this.applyIncludes(root, env);
      return this.applyExtends(root, env);
    } finally {
      this.loading.delete(key);
    }
  }

  private interpolateValue(scalar: YamlScalar, path: readonly string[], file: SourceFile, env: Env, baseDir: string): void {
    scalar.baseDir = baseDir;
    if (!scalar.value.includes('$')) {
      scalar.interpolated = scalar.value;
      return;
    }
    try {
      parseTemplate(scalar.value);
      scalar.interpolated = interpolate(scalar.value, env);
    } catch (error) {
      if (error instanceof InvalidTemplateError) {
        const range = rangeInScalar(scalar, error.offset, Math.min(error.offset + 2, scalar.value.length), file);
        this.errors.push({
          message: `Invalid interpolation format in ${path.join('.')}: a "$" that starts no valid variable; write "$$" for a literal dollar sign`,
          file,
          range,
          rule: 'invalid-interpolation',
        });
      } else if (!(error instanceof MissingRequiredVariableError)) {
        throw error;
      }
    }
  }

  /** `include:` entries load as projects of their own and add their services and volumes. */
  private applyIncludes(root: TreeMap, env: Env): TreeMap {
    const include = mapValue(root, 'include');
    if (!include) return root;
    const entries = new Map<string, TreeEntry>();
    const items = include.kind === 'seq' ? include.items : [include];
    for (const item of items) {
      const included = this.loadInclude(item, env);
      if (included) addIncluded(entries, included, root, this.errors);
    }
    for (const [key, entry] of root.entries) {
      if (key === 'include') continue;
      const existing = entries.get(key);
      if (existing && existing.value.kind === 'map' && entry.value.kind === 'map' && INCLUDABLE.has(key)) {
        entries.set(key, { ...entry, value: { ...entry.value, entries: new Map([...existing.value.entries, ...entry.value.entries]) } });
      } else {
        entries.set(key, entry);
      }
    }
    return { ...root, entries };
  }

  private loadInclude(item: TreeNode, env: Env): TreeMap | undefined {
    const baseDir = item.baseDir;
    const strings = (node: TreeNode | undefined): TreeScalar[] =>
      !node ? [] : node.kind === 'seq' ? node.items.flatMap((child) => strings(child)) : scalarValue(node) ? [node as TreeScalar] : [];
    const paths = item.kind === 'map' ? strings(mapValue(item, 'path')) : strings(item);
    if (paths.length === 0) return undefined;
    const resolved = paths.map((path) => joinPath(baseDir, textOf(path.scalar)));
    const projectDirNode = scalarValue(mapValue(item, 'project_directory'));
    const projectDir = projectDirNode ? joinPath(baseDir, textOf(projectDirNode.scalar)) : directoryOf(resolved[0]);
    const envFileNodes = strings(mapValue(item, 'env_file'));
    const envFiles = envFileNodes.length > 0 ? envFileNodes.map((node) => joinPath(baseDir, textOf(node.scalar))) : [joinPath(projectDir, '.env')];
    const files: SourceFile[] = [];
    paths.forEach((node, index) => {
      const file = this.sourceFile(resolved[index]);
      if (file) files.push(file);
      else if (!this.reportRefused(resolved[index], writtenText(node.scalar), node.file, node.start, node.end)) {
        this.error(`included file ${writtenText(node.scalar)} not found`, node.file, node.start, node.end);
      }
    });
    const includeEnv = new Map<string, string>();
    const lookup = lookupIn(env);
    envFiles.forEach((envFile, index) => {
      if (envFile === '/dev/null') return;
      const node = envFileNodes[index] as TreeScalar | undefined;
      // The implicit `.env` of an include that read no file (refused, missing) is not worth a finding of its own.
      if (!node && files.length === 0) return;
      const written = node ? writtenText(node.scalar) : '.env';
      const text = this.context.readFile(envFile);
      if (text === undefined) {
        this.reportRefused(envFile, written, (node ?? item).file, (node ?? item).start, (node ?? item).end);
        return;
      }
      try {
        for (const [name, value] of parseDotenv(text, (name) => lookup(name) ?? includeEnv.get(name))) includeEnv.set(name, value);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        this.error(`cannot read env file ${written}: ${error.message}`, item.file, item.start, item.end);
      }
    });
    // The including project's variables win over the included project's own.
    for (const [name, value] of entriesOf(env)) includeEnv.set(name, value);
    if (files.length === 0) return undefined;
    return this.loadProject(files, projectDir, includeEnv, false);
  }

  /** Services with `extends:` become their base merged with themselves. */
  private applyExtends(root: TreeMap, env: Env): TreeMap {
    const services = mapValue(root, 'services');
    if (services?.kind !== 'map') return root;
    let any = false;
    for (const entry of services.entries.values()) if (entry.value.kind === 'map' && entry.value.entries.has('extends')) any = true;
    if (!any) return root;
    const resolver = new ExtendsResolver(services, (path) => this.extendedFile(path, env), this.errors, this);
    const entries = new Map<string, TreeEntry>();
    for (const [name, entry] of services.entries) {
      const resolved = entry.value.kind === 'map' ? resolver.resolve(name, []) : undefined;
      entries.set(name, resolved ? { ...entry, value: resolved } : entry);
    }
    const rootEntries = new Map(root.entries);
    const servicesEntry = root.entries.get('services') as TreeEntry;
    rootEntries.set('services', { ...servicesEntry, value: { ...services, entries } });
    return { ...root, entries: rootEntries };
  }

  /** The services of a file named by `extends: { file: ... }`, with its own extends resolved. */
  private extendedFile(path: string, env: Env): TreeMap | undefined {
    if (this.extendedFiles.has(path)) return this.extendedFiles.get(path);
    const file = this.sourceFile(path);
    const tree = file ? this.loadFile(file, directoryOf(path), env, false) : undefined;
    const services = mapValue(tree, 'services');
    const result = services?.kind === 'map' ? services : undefined;
    this.extendedFiles.set(path, result);
    return result;
  }
}

const INCLUDABLE = new Set(['services', 'volumes', 'networks', 'configs', 'secrets', 'models']);

/** Adds an included project's resources; a name defined on both sides is an error in compose. */
function addIncluded(entries: Map<string, TreeEntry>, included: TreeMap, root: TreeMap, errors: ComposeError[]): void {
  for (const [key, entry] of included.entries) {
    if (!INCLUDABLE.has(key) || entry.value.kind !== 'map') continue;
    const local = mapValue(root, key);
    const existing = entries.get(key);
    const merged = new Map(existing && existing.value.kind === 'map' ? existing.value.entries : []);
    for (const [name, resource] of entry.value.entries) {
      const clash = local?.kind === 'map' ? local.entries.get(name) : undefined;
      if (clash || merged.has(name)) {
        const at = clash ?? resource;
        errors.push({
          message: `${key}.${name} conflicts with imported resource`,
          file: at.file,
          range: at.file.range(at.keyStart, at.keyEnd),
        });
        continue;
      }
      merged.set(name, resource);
    }
    entries.set(key, { ...(existing ?? entry), value: { ...entry.value, entries: merged } });
  }
}

class ExtendsResolver {
  private readonly done = new Map<string, TreeMap | undefined>();

  constructor(
    private readonly services: TreeMap,
    private readonly servicesIn: (path: string) => TreeMap | undefined,
    private readonly errors: ComposeError[],
    private readonly loader: ComposeLoader,
  ) {}

  resolve(name: string, stack: string[]): TreeMap | undefined {
    if (this.done.has(name)) return this.done.get(name);
    const entry = this.services.entries.get(name);
    const service = entry?.value.kind === 'map' ? entry.value : undefined;
    if (!service) return undefined;
    const reference = extendsReference(service);
    if (!reference) return service;
    const fail = (message: string) => {
      this.errors.push({ message, file: service.file, range: service.file.range(reference.start, reference.end) });
      return service;
    };
    if (stack.includes(name)) return fail(`circular reference with extends in service ${name}`);
    let base: TreeMap | undefined;
    if (reference.file !== undefined) {
      const path = joinPath(service.baseDir, reference.file);
      const services = this.servicesIn(path);
      if (!services && this.loader.reportRefused(path, reference.writtenFile ?? '', service.file, reference.start, reference.end)) return service;
      if (!services) return fail(`cannot read ${reference.writtenFile}, extended by service ${name}`);
      const baseEntry = services.entries.get(reference.service);
      base = baseEntry?.value.kind === 'map' ? baseEntry.value : undefined;
    } else {
      base = this.resolve(reference.service, [...stack, name]);
    }
    if (!base) return fail(`cannot extend service "${name}": service "${reference.writtenService}" not found`);
    let result: TreeMap;
    try {
      result = extendService(base, service, name);
    } catch (error) {
      if (!(error instanceof MergeConflict)) throw error;
      this.errors.push({ message: error.message, file: error.node.file, range: error.node.file.range(error.node.start, error.node.end) });
      return service;
    }
    this.done.set(name, result);
    return result;
  }
}

function emptyMap(file: SourceFile, baseDir: string, env: Env): TreeMap {
  return { kind: 'map', entries: new Map(), file, start: 0, end: 0, baseDir, env };
}

function entriesOf(env: Env): [string, string][] {
  if (env instanceof Map) return [...(env as ReadonlyMap<string, string>)];
  return Object.entries(env as Record<string, string | undefined>).filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function textOf(scalar: YamlScalar): string {
  return scalar.interpolated ?? scalar.value;
}

// ---------------------------------------------------------------------------------------------
// Reading the merged tree into the model

function rangeOf(node: TreeNode): Range {
  return node.file.range(node.start, node.end);
}

function entryRange(entry: TreeEntry): Range {
  return entry.file.range(entry.entryStart, entry.entryEnd);
}

function liveEntries(node: TreeNode | undefined): TreeEntry[] {
  if (node?.kind !== 'map') return [];
  const out: TreeEntry[] = [];
  for (const entry of node.entries.values()) if (entry.value.mergeTag !== 'reset') out.push(entry);
  return out;
}

function scalarOf(node: TreeNode | undefined): YamlScalar | undefined {
  return scalarValue(node)?.scalar;
}

function readServices(node: TreeNode | undefined, errors: ComposeError[]): ComposeService[] {
  return liveEntries(node).map((entry) => readService(entry, errors));
}

function readService(entry: TreeEntry, errors: ComposeError[]): ComposeService {
  const node = entry.value;
  const name = entry.key;
  const service: ComposeService = {
    name,
    nameRange: entry.file.range(entry.keyStart, entry.keyEnd),
    range: entryRange(entry),
    environment: readKeyValues(mapValue(node, 'environment')),
    envFiles: readEnvFiles(mapValue(node, 'env_file')),
    volumes: readVolumes(mapValue(node, 'volumes'), name, errors),
    dependsOn: readDependsOn(mapValue(node, 'depends_on')),
    labels: readKeyValues(mapValue(node, 'labels')),
    file: entry.file,
    baseDir: node.baseDir,
  };
  const image = scalarOf(mapValue(node, 'image'));
  if (image) service.image = image;
  const build = mapValue(node, 'build');
  if (build) service.build = readBuild(build);
  const command = readCommand(mapValue(node, 'command'));
  if (command) service.command = command;
  const entrypoint = readCommand(mapValue(node, 'entrypoint'));
  if (entrypoint) service.entrypoint = entrypoint;
  const deploy = mapValue(node, 'deploy');
  if (deploy?.kind === 'map') service.deploy = readDeploy(deploy);
  const scale = readNumber(mapValue(node, 'scale'));
  if (scale) service.scale = scale;
  const readOnly = readBoolean(mapValue(node, 'read_only'));
  if (readOnly) service.readOnly = readOnly;
  const restart = scalarOf(mapValue(node, 'restart'));
  if (restart) service.restart = restart;
  const tmpfs = mapValue(node, 'tmpfs');
  if (tmpfs) service.tmpfs = scalarsOf(tmpfs);
  const profiles = mapValue(node, 'profiles');
  if (profiles) service.profiles = scalarsOf(profiles);
  const ports = readPublishedPorts(mapValue(node, 'ports'));
  if (ports.length > 0) service.publishedPorts = ports;
  return service;
}

/**
 * Host ports of `ports:`: `"8080:80"`, `"127.0.0.1:8080:80/udp"`, `"[::1]:8080:80"`, or the long
 * syntax's `published` with `host_ip` and `protocol`. Two services publishing one host port cannot run
 * together (the second fails to start). A port without a host side (`"80"`) is published at random.
 */
function readPublishedPorts(node: TreeNode | undefined): PublishedPort[] {
  if (node?.kind !== 'seq') return [];
  const ports: PublishedPort[] = [];
  for (const item of node.items) {
    if (item.kind === 'map') {
      const published = scalarOf(mapValue(item, 'published'));
      if (!published || textOf(published).trim() === '') continue;
      const hostIp = scalarOf(mapValue(item, 'host_ip'));
      const protocol = scalarOf(mapValue(item, 'protocol'));
      ports.push({ port: textOf(published).trim(), hostIp: hostIp ? textOf(hostIp).trim() : '', protocol: protocol ? textOf(protocol).trim() || 'tcp' : 'tcp', range: published.range });
      continue;
    }
    const scalar = scalarOf(item);
    if (!scalar) continue;
    let text = textOf(scalar).trim();
    let protocol = 'tcp';
    const slash = text.lastIndexOf('/');
    if (slash !== -1) {
      protocol = text.slice(slash + 1);
      text = text.slice(0, slash);
    }
    const lastColon = text.lastIndexOf(':');
    if (lastColon === -1) continue;
    const host = text.slice(0, lastColon);
    const colon = host.lastIndexOf(':');
    const port = colon === -1 ? host : host.slice(colon + 1);
    const hostIp = colon === -1 ? '' : host.slice(0, colon).replace(/^\[|\]$/g, '');
    if (port === '' || host.endsWith(']')) continue;
    ports.push({ port, hostIp, protocol, range: scalar.range });
  }
  return ports;
}

function scalarsOf(node: TreeNode): YamlScalar[] {
  if (node.kind === 'seq') return node.items.flatMap((item) => scalarsOf(item));
  const scalar = scalarOf(node);
  return scalar ? [scalar] : [];
}

function readCommand(node: TreeNode | undefined): YamlScalar[] | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.isNull ? undefined : [node.scalar];
  if (node.kind === 'seq') return scalarsOf(node);
  return undefined;
}

function readNumber(node: TreeNode | undefined): LocatedIn<number> | undefined {
  const scalar = scalarValue(node);
  if (!scalar) return undefined;
  const value = typeof scalar.typed === 'number' ? scalar.typed : Number(textOf(scalar.scalar).trim());
  if (!Number.isFinite(value) || textOf(scalar.scalar).trim() === '') return undefined;
  return { value, range: scalar.scalar.range, file: scalar.file };
}

function readBoolean(node: TreeNode | undefined): LocatedIn<boolean> | undefined {
  const scalar = scalarValue(node);
  if (!scalar) return undefined;
  const value = toBoolean(scalar.typed, textOf(scalar.scalar));
  return value === undefined ? undefined : { value, range: scalar.scalar.range, file: scalar.file };
}

function readString(node: TreeNode | undefined): LocatedIn<string> | undefined {
  const scalar = scalarValue(node);
  return scalar ? { value: textOf(scalar.scalar), range: scalar.scalar.range, file: scalar.file } : undefined;
}

/** `environment`, `labels`, `build.args`: a mapping or a `KEY=VALUE` list. */
function readKeyValues(node: TreeNode | undefined): EnvEntry[] {
  if (!node) return [];
  const out: EnvEntry[] = [];
  if (node.kind === 'seq') {
    for (const item of node.items) if (item.kind === 'scalar' && !item.isNull) out.push(listItemEntry(item));
    return out;
  }
  for (const entry of liveEntries(node)) {
    if (entry.fromListItem && entry.value.kind === 'scalar') {
      out.push(listItemEntry(entry.value));
      continue;
    }
    const value = scalarOf(entry.value);
    out.push({
      name: entry.key,
      nameRange: entry.file.range(entry.keyStart, entry.keyEnd),
      ...(value ? { value } : {}),
      range: entryRange(entry),
      file: entry.file,
    });
  }
  return out;
}

/** `- KEY=VALUE` (or `- KEY`, passed through): compose interpolates the item, then splits at the first `=`. */
function listItemEntry(item: TreeScalar): EnvEntry {
  const scalar = item.scalar;
  const view = interpolationView(scalar.value, item.env);
  const equals = view.text.indexOf('=');
  const nameEnd = equals === -1 ? view.text.length : equals;
  const name = scalarPart(scalar, view, 0, nameEnd, item.file);
  const entry: EnvEntry = { name: view.text.slice(0, nameEnd), nameRange: name.range, range: scalar.range, file: item.file };
  if (name.value !== entry.name) entry.writtenName = name.value;
  if (equals !== -1) entry.value = scalarPart(scalar, view, equals + 1, view.text.length, item.file);
  return entry;
}

function readEnvFiles(node: TreeNode | undefined): YamlScalar[] {
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  const out: YamlScalar[] = [];
  for (const item of items) {
    const scalar = item.kind === 'map' ? scalarOf(mapValue(item, 'path')) : scalarOf(item);
    if (scalar) out.push(scalar);
  }
  return out;
}

function readBuild(node: TreeNode): ComposeBuild {
  const map = asBuildMap(node);
  const build: ComposeBuild = {
    args: readKeyValues(mapValue(map, 'args')),
    additionalContexts: readKeyValues(mapValue(map, 'additional_contexts')),
    range: rangeOf(node),
    file: node.file,
    baseDir: node.baseDir,
  };
  const context = scalarOf(mapValue(map, 'context'));
  if (context) build.context = context;
  const dockerfile = scalarOf(mapValue(map, 'dockerfile'));
  if (dockerfile) build.dockerfile = dockerfile;
  const inline = scalarOf(mapValue(map, 'dockerfile_inline'));
  if (inline) build.dockerfileInline = inline;
  const target = scalarOf(mapValue(map, 'target'));
  if (target) build.target = target;
  return build;
}

function readDeploy(node: TreeMap): ComposeDeploy {
  const deploy: ComposeDeploy = { range: rangeOf(node), file: node.file };
  const replicas = readNumber(mapValue(node, 'replicas'));
  if (replicas) deploy.replicas = replicas;
  const updateOrder = readString(mapValue(mapValue(node, 'update_config'), 'order'));
  if (updateOrder) deploy.updateOrder = updateOrder;
  const rollbackOrder = readString(mapValue(mapValue(node, 'rollback_config'), 'order'));
  if (rollbackOrder) deploy.rollbackOrder = rollbackOrder;
  const mode = readString(mapValue(node, 'mode'));
  if (mode) deploy.mode = mode;
  return deploy;
}

function readDependsOn(node: TreeNode | undefined): ComposeService['dependsOn'] {
  if (!node) return [];
  const map = asKeyedMap(node);
  return liveEntries(map).map((entry) => {
    const condition = entry.fromListItem ? undefined : scalarOf(mapValue(entry.value, 'condition'));
    return {
      service: entry.key,
      condition: condition ? textOf(condition) : 'service_started',
      range: entry.fromListItem ? rangeOf(entry.value) : entryRange(entry),
      file: entry.file,
    };
  });
}

/** Short and long syntax; like compose, a later entry with the same target replaces an earlier one in place. */
function readVolumes(node: TreeNode | undefined, serviceName: string, errors: ComposeError[]): ServiceVolume[] {
  if (node?.kind !== 'seq') return [];
  const volumes: ServiceVolume[] = [];
  const byTarget = new Map<string, number>();
  node.items.forEach((item, index) => {
    let volume: ServiceVolume | undefined;
    if (item.kind === 'scalar' && !item.isNull) {
      const result = shortSyntaxVolume(item.scalar, item.env, item.file);
      if (result.problem) errors.push({ ...result.problem, file: item.file });
      volume = result.volume;
    } else if (item.kind === 'map') {
      const result = longSyntaxVolume(item, `services.${serviceName}.volumes.${index}`, item.file);
      for (const problem of result.problems) errors.push({ ...problem, file: item.file });
      volume = result.volume;
    }
    if (!volume) return;
    const earlier = byTarget.get(volume.target);
    if (earlier === undefined) {
      byTarget.set(volume.target, volumes.length);
      volumes.push(volume);
    } else {
      volumes[earlier] = volume;
    }
  });
  return volumes;
}

function readTopLevelVolumes(node: TreeNode | undefined, errors: ComposeError[]): TopLevelVolume[] {
  return liveEntries(node).map((entry) => {
    const value = entry.value;
    const volume: TopLevelVolume = {
      name: entry.key,
      nameRange: entry.file.range(entry.keyStart, entry.keyEnd),
      driverOpts: {},
      external: false,
      file: entry.file,
      range: entryRange(entry),
    };
    const fail = (message: string, at: TreeEntry | undefined) => {
      const where = at ?? entry;
      errors.push({ message: `volumes.${entry.key}: ${message}`, file: where.file, range: where.file.range(where.keyStart, where.keyEnd) });
    };
    const driver = scalarOf(mapValue(value, 'driver'));
    if (driver) volume.driver = driver;
    for (const option of liveEntries(mapValue(value, 'driver_opts'))) {
      const scalar = scalarOf(option.value);
      if (scalar) volume.driverOpts[option.key] = scalar;
    }
    const name = scalarOf(mapValue(value, 'name'));
    if (name) volume.realName = name;
    const external = mapValue(value, 'external');
    if (external?.kind === 'map') {
      volume.external = true;
      const externalName = scalarOf(mapValue(external, 'name'));
      if (externalName && name) fail('name and external.name conflict; only use name', liveEntries(value).find((e) => e.key === 'external'));
      else if (externalName) volume.realName = externalName;
    } else if (external) {
      volume.external = readBoolean(external)?.value === true;
    }
    if (volume.external) {
      for (const key of ['driver', 'driver_opts', 'labels']) {
        const conflicting = liveEntries(value).find((e) => e.key === key);
        if (conflicting) fail(`conflicting parameters "external" and "${key}" specified`, conflicting);
      }
    }
    const device = volume.driverOpts.device;
    const o = volume.driverOpts.o;
    if (device && driver && textOf(driver) === 'local' && o && textOf(o) === 'bind') {
      volume.bindDevice = joinPath(device.baseDir ?? '.', textOf(device));
    }
    return volume;
  });
}

/** compose refuses a project whose services mount a named volume that is not declared. */
function checkVolumesDeclared(model: ComposeModel): void {
  const declared = new Set(model.volumes.map((volume) => volume.name));
  for (const service of model.services) {
    for (const volume of service.volumes) {
      // An interpolated name is the deploy environment's to decide.
      if (volume.type !== 'volume' || !volume.source || volume.source.value.includes('$')) continue;
      const name = textOf(volume.source);
      if (name === '' || declared.has(name)) continue;
      model.errors.push({
        message: `service "${service.name}" refers to undefined volume ${volume.source.value}: invalid compose project`,
        file: volume.source.file ?? volume.file ?? service.file,
        range: volume.source.range,
      });
    }
  }
}
