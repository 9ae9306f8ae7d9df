/**
 * Merging compose files the way compose-go's `override` package does, on position-keeping trees:
 * mappings merge key by key, sequences append, a few paths have their own rules, and the
 * `!reset` / `!override` tags of the later file clear or replace what the earlier one set.
 * Used for `-f a -f b` and the override file, for `extends`, and for `include`.
 */
import type { TreeEntry, TreeMap, TreeNode, TreeScalar, TreeSeq } from '../yaml/tree';
import { interpolationView } from '../yaml/tree';

type Path = readonly string[];

/** Paths (`*` matches any one key) whose later value replaces the earlier one outright. */
const REPLACED = ['services.*.command', 'services.*.entrypoint', 'services.*.healthcheck.test'];

/** Paths written as a mapping or a `KEY=VALUE` list; merged key by key. */
const KEYED_LISTS = [
  'services.*.environment',
  'services.*.labels',
  'services.*.annotations',
  'services.*.sysctls',
  'services.*.build.args',
  'services.*.build.labels',
  'services.*.deploy.labels',
  'volumes.*.labels',
  'networks.*.labels',
];

function matches(path: Path, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const parts = pattern.split('.');
    return parts.length === path.length && parts.every((part, index) => part === '*' || part === path[index]);
  });
}

/**
 * A run of merges onto one result (the documents of a file, the files of a project). The nodes
 * the merges create belong to the run and are extended in place by the next merge: copying the
 * result for each of a million documents would be quadratic. Nodes read from files are never
 * changed (an alias may share them).
 */
export class MergeFold {
  readonly #created = new WeakSet<TreeNode>();
  /** appendUnique's seen values of the lists the run created. */
  readonly #seen = new WeakMap<TreeSeq, Set<string | undefined>>();

  /** Marks a node made by a merge of this run; returns it. */
  created<T extends TreeNode>(node: T): T {
    this.#created.add(node);
    return node;
  }

  owns(node: TreeNode): boolean {
    return this.#created.has(node);
  }

  seenIn(list: TreeSeq, make: () => Set<string | undefined>): Set<string | undefined> {
    let seen = this.#seen.get(list);
    if (!seen) this.#seen.set(list, (seen = make()));
    return seen;
  }
}

/**
 * `over` merged onto `base`. A `!reset` value in `over` removes the key, a `!override` value
 * replaces without merging. Neither is modified, except nodes that an earlier merge of the same
 * `fold` created.
 */
export function mergeTrees(base: TreeNode | undefined, over: TreeNode | undefined, path: Path = [], fold = new MergeFold()): TreeNode | undefined {
  if (!over) return base;
  if (!base || over.mergeTag === 'override' || matches(path, REPLACED)) return over;
  if (matches(path, KEYED_LISTS)) return mergeMaps(asKeyedMap(base), asKeyedMap(over), path, fold);
  if (path.length === 3 && path[0] === 'services' && path[2] === 'build') return mergeMaps(asBuildMap(base), asBuildMap(over), path, fold);
  if (path.length === 3 && path[0] === 'services' && path[2] === 'depends_on') return mergeMaps(asKeyedMap(base), asKeyedMap(over), path, fold);
  if (path.length === 3 && path[0] === 'services' && (path[2] === 'env_file' || path[2] === 'tmpfs')) {
    return appendUnique(asList(base), asList(over), fold);
  }
  // As compose-go: a null in the later file (`services:` with nothing under it) leaves the earlier value.
  if (over.kind === 'scalar' && over.isNull) return base;
  if (base.kind === 'map' && over.kind === 'map') return mergeMaps(base, over, path, fold);
  if (base.kind === 'seq' && over.kind === 'seq') return appendAll(base, over, fold);
  if (base.kind !== 'scalar') throw new MergeConflict(path, over);
  return over;
}

/**
 * A mapping or a sequence overridden by a value of another kind (`services: e` in an override):
 * compose-go refuses the project ("cannot override services").
 */
export class MergeConflict extends Error {
  constructor(
    readonly path: Path,
    readonly node: TreeNode,
  ) {
    super(`cannot override ${path.join('.')}`);
  }
}

function appendAll(base: TreeSeq, over: TreeSeq, fold: MergeFold): TreeSeq {
  if (!fold.owns(base)) return fold.created({ ...over, ...pick(base), items: [...base.items, ...over.items] });
  for (const item of over.items) base.items.push(item);
  return base;
}

function pick(node: TreeNode) {
  return { file: node.file, start: node.start, end: node.end, baseDir: node.baseDir, env: node.env };
}

function mergeMaps(base: TreeMap, over: TreeMap, path: Path, fold: MergeFold): TreeMap {
  const inPlace = fold.owns(base);
  const entries = inPlace ? base.entries : new Map(base.entries);
  for (const [key, entry] of over.entries) {
    if (entry.value.mergeTag === 'reset') {
      entries.delete(key);
      continue;
    }
    const existing = entries.get(key);
    // A list item (`KEY=VALUE`, `- service`) carries its key in its value: the later one wins whole.
    if (!existing || existing.fromListItem || entry.fromListItem) {
      entries.set(key, entry);
      continue;
    }
    const merged = mergeTrees(existing.value, entry.value, [...path, key], fold);
    // The key keeps the position where it was first written: that is where the service,
    // volume or variable is defined; the merged value carries its own positions.
    entries.set(key, merged ? { ...existing, value: merged } : existing);
  }
  return inPlace ? base : fold.created({ ...base, mergeTag: undefined, entries });
}

/** Removes `!reset` entries from a tree that is used as is (a first file, an extended base). */
export function withoutResets(node: TreeMap): TreeMap {
  let changed = false;
  const entries = new Map<string, TreeEntry>();
  for (const [key, entry] of node.entries) {
    if (entry.value.mergeTag === 'reset') changed = true;
    else entries.set(key, entry);
  }
  return changed ? { ...node, entries } : node;
}

/**
 * A `KEY=VALUE` (or `- service`) list as a mapping keyed by name, so that a list in one file
 * and a mapping in another merge by name. Each entry keeps the list item as its value.
 */
export function asKeyedMap(node: TreeNode): TreeMap {
  if (node.kind === 'map') return node;
  const entries = new Map<string, TreeEntry>();
  const items = node.kind === 'seq' ? node.items : [node];
  for (const item of items) {
    if (item.kind !== 'scalar' || item.isNull) continue;
    const view = interpolationView(item.scalar.value, item.env);
    const equals = view.text.indexOf('=');
    const key = equals === -1 ? view.text : view.text.slice(0, equals);
    entries.set(key, {
      key,
      keyStart: item.start,
      keyEnd: item.end,
      entryStart: item.start,
      entryEnd: item.end,
      file: item.file,
      value: item,
      fromListItem: true,
    });
  }
  return { kind: 'map', entries, file: node.file, start: node.start, end: node.end, baseDir: node.baseDir, env: node.env };
}

/** `build: ./dir` is short for `build: { context: ./dir }`. */
export function asBuildMap(node: TreeNode): TreeMap {
  if (node.kind === 'map') return node;
  const entries = new Map<string, TreeEntry>();
  if (node.kind === 'scalar' && !node.isNull) {
    entries.set('context', { key: 'context', keyStart: node.start, keyEnd: node.end, entryStart: node.start, entryEnd: node.end, file: node.file, value: node });
  }
  return { kind: 'map', entries, file: node.file, start: node.start, end: node.end, baseDir: node.baseDir, env: node.env };
}

function asList(node: TreeNode): TreeSeq {
  if (node.kind === 'seq') return node;
  return { kind: 'seq', items: [node], file: node.file, start: node.start, end: node.end, baseDir: node.baseDir, env: node.env };
}

/** Appends, dropping later duplicates of the same written value (env_file paths, tmpfs targets). */
function appendUnique(base: TreeSeq, over: TreeSeq, fold: MergeFold): TreeSeq {
  const result = fold.owns(base) ? base : fold.created({ ...over, ...pick(base), items: [...base.items] });
  const seen = fold.seenIn(result, () => new Set(base.items.map(identity)));
  for (const item of over.items) {
    const key = identity(item);
    if (key !== undefined && seen.has(key)) continue;
    if (key !== undefined) seen.add(key);
    result.items.push(item);
  }
  return result;
}

function identity(node: TreeNode): string | undefined {
  if (node.kind === 'scalar') return (node as TreeScalar).scalar.interpolated ?? node.scalar.value;
  if (node.kind === 'map') {
    const path = node.entries.get('path')?.value;
    return path?.kind === 'scalar' ? path.scalar.interpolated ?? path.scalar.value : undefined;
  }
  return undefined;
}

/** A service's `extends:` as `{ service, file? }`. */
export interface ExtendsReference {
  service: string;
  file?: string;
  /** `service` and `file` as written, uninterpolated: what messages quote. */
  writtenService: string;
  writtenFile?: string;
  start: number;
  end: number;
}

export function extendsReference(service: TreeMap): ExtendsReference | undefined {
  const entry = service.entries.get('extends');
  if (!entry || entry.value.mergeTag === 'reset') return undefined;
  const value = entry.value;
  const scalarOf = (node: TreeNode | undefined) => (node?.kind === 'scalar' && !node.isNull ? node.scalar : undefined);
  const textOf = (node: TreeNode | undefined) => {
    const scalar = scalarOf(node);
    return scalar ? scalar.interpolated ?? scalar.value : undefined;
  };
  if (value.kind === 'scalar') {
    const name = textOf(value);
    return name === undefined ? undefined : { service: name, writtenService: scalarOf(value)?.value ?? name, start: entry.keyStart, end: value.end };
  }
  if (value.kind !== 'map') return undefined;
  const serviceNode = value.entries.get('service')?.value;
  const name = textOf(serviceNode);
  if (name === undefined) return undefined;
  const fileNode = value.entries.get('file')?.value;
  const file = textOf(fileNode);
  const written = { writtenService: scalarOf(serviceNode)?.value ?? name, ...(file !== undefined ? { writtenFile: scalarOf(fileNode)?.value ?? file } : {}) };
  return { service: name, ...(file !== undefined ? { file } : {}), ...written, start: entry.keyStart, end: value.end };
}

/** The service that `extends` produces: the base merged with the extending service (minus `extends`). */
export function extendService(base: TreeMap, service: TreeMap, name: string): TreeMap {
  const local = new Map(service.entries);
  local.delete('extends');
  const baseService = new Map(base.entries);
  baseService.delete('extends');
  const merged = mergeTrees({ ...base, entries: baseService }, { ...service, entries: local }, ['services', name]);
  return merged && merged.kind === 'map' ? { ...merged, file: service.file, start: service.start, end: service.end, baseDir: service.baseDir } : service;
}
