/**
 * Kamal `config/deploy.yml`. Kamal renders the file as ERB before reading the YAML, so ERB tags
 * are blanked out first with text of the same length: positions stay exact, and scalars that
 * contained an output tag get its original text back. Secret values are never read: Kamal keeps
 * them in `.kamal/secrets`, and the model keeps only their names.
 */
import type { Located, YamlScalar } from '../compose/model';
import type { TreeEntry, TreeNode } from '../yaml/tree';
import { mapValue, scalarValue, yamlTrees } from '../yaml/tree';
import { ParseError } from '../errors';
import { SourceFile } from '../source';
import type { KamalAccessory, KamalEnv, KamalModel, KamalRole, KamalVolume } from './model';

interface ErbTag {
  start: number;
  end: number;
  output: boolean;
}

/** ERB tag spans, `<%...%>`, in file order; `<%%` is a literal `<%` and starts no tag. */
function erbTags(text: string): ErbTag[] {
  const tags: ErbTag[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<%', from);
    if (start === -1) return tags;
    if (text[start + 2] === '%') {
      from = start + 3;
      continue;
    }
    const close = text.indexOf('%>', start + 2);
    const end = close === -1 ? text.length : close + 2;
    tags.push({ start, end, output: text[start + 2] === '=' });
    from = end;
  }
}

/**
 * The text with every ERB tag replaced, keeping length and line breaks: output tags (`<%= %>`)
 * become a run of `_` (a plain scalar wherever the value would be), control tags and comments
 * become spaces (a `<% if %>` line becomes blank). Built from a few pieces per tag, joined once:
 * adding a character at a time (or a regex replacing each one) costs tens of times the file's size.
 */
export function blankErb(text: string): { text: string; tags: ErbTag[] } {
  const tags = erbTags(text);
  if (tags.length === 0) return { text, tags };
  const pieces: string[] = [];
  let position = 0;
  for (const tag of tags) {
    pieces.push(text.slice(position, tag.start));
    blankOut(text, tag, pieces);
    position = tag.end;
  }
  pieces.push(text.slice(position));
  return { text: pieces.join(''), tags };
}

/** The tag's text as runs of its fill character, with its line breaks kept. */
function blankOut(text: string, tag: ErbTag, pieces: string[]): void {
  const fill = tag.output ? '_' : ' ';
  let from = tag.start;
  for (let i = tag.start; i < tag.end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x0a && code !== 0x0d) continue;
    pieces.push(fill.repeat(i - from), text[i]);
    from = i + 1;
  }
  pieces.push(fill.repeat(tag.end - from));
}

export function parseKamal(file: SourceFile): KamalModel {
  const blanked = blankErb(file.text);
  // A destination file that is only ERB (`<%= File.read("config/deploy.base.yml") %>`, a loop that
  // prints the servers) is YAML only once Kamal renders it: nothing to read, and nothing wrong.
  if (onlyErb(file.text, blanked.tags)) return { kind: 'kamal', file, roles: [], volumes: [], accessories: [], errors: [], comments: [] };
  const parsed = blanked.tags.length > 0 ? new SourceFile(file.path, blanked.text, file.kind) : file;
  const errors: KamalModel['errors'] = [];
  const comments: Located[] = [];
  const outputTags = blanked.tags.filter((tag) => tag.output);
  let root: TreeNode | undefined;
  // Every document is read (a syntax error in any is one), the first one with content is used.
  for (const tree of yamlTrees({
    file: parsed,
    baseDir: '.',
    env: {},
    onValue: outputTags.length > 0 ? (scalar) => restoreErb(scalar, file, parsed, outputTags) : undefined,
    onError: (message, start, end) => errors.push({ message, range: file.range(start, end) }),
    // ERB is blanked to the same length, so the offsets are the file's.
    onComment: (start, end) => comments.push({ value: file.text.slice(start, end), range: file.range(start, end) }),
  })) {
    root ??= tree;
  }
  const model: KamalModel = { kind: 'kamal', file, roles: [], volumes: [], accessories: [], errors, comments };
  if (!root) return model;
  if (root.kind !== 'map') throw new ParseError('Kamal config must be a mapping at the top level', root.start, root.end);
  const reader = new KamalReader(file, errors);

  const service = reader.scalar(mapValue(root, 'service'));
  if (service) model.service = service;
  const image = reader.scalar(mapValue(root, 'image'));
  if (image) model.image = image;
  model.roles = reader.roles(root.entries.get('servers'));
  model.volumes = reader.volumes(mapValue(root, 'volumes'), false);
  const env = reader.env(mapValue(root, 'env'));
  if (env) model.env = env;
  model.accessories = reader.accessories(mapValue(root, 'accessories'), model.roles);
  const proxy = mapValue(root, 'proxy');
  if (proxy?.kind === 'map') {
    model.proxy = { range: reader.range(proxy) };
    const host = reader.scalar(mapValue(proxy, 'host'));
    if (host) model.proxy.host = host;
    const port = scalarValue(mapValue(proxy, 'app_port'));
    if (port && /^\d+$/.test(port.scalar.value.trim())) model.proxy.appPort = { value: Number(port.scalar.value), range: reader.rangeOf(port.scalar) };
  }
  const builder = mapValue(root, 'builder');
  if (builder?.kind === 'map') {
    model.builder = { args: [] };
    const dockerfile = reader.scalar(mapValue(builder, 'dockerfile'));
    if (dockerfile) model.builder.dockerfile = dockerfile;
    const context = reader.scalar(mapValue(builder, 'context'));
    if (context) model.builder.context = context;
    for (const entry of reader.entries(mapValue(builder, 'args'))) {
      const value = reader.scalar(entry.value);
      model.builder.args.push({ name: entry.key, ...(value ? { value } : {}) });
    }
  }
  return model;
}

/** The text holds ERB tags and nothing else but white space and YAML comments. */
function onlyErb(text: string, tags: readonly ErbTag[]): boolean {
  if (tags.length === 0) return false;
  let rest = '';
  let position = 0;
  for (const tag of tags) {
    rest += text.slice(position, tag.start);
    position = tag.end;
  }
  rest += text.slice(position);
  return rest.split(/\r?\n|\r/).every((line) => /^\s*(?:#.*)?$/.test(line) || /^\s*---\s*$/.test(line));
}

/**
 * Gives a scalar that contained an output tag its text as written (the tag, not the placeholder).
 * Only a scalar that overlaps an output tag has anything to restore. A scalar written as is (no
 * escape, no folding) gets the tags' text by slices; only the others need to know where each of
 * their characters is written (an array of numbers as long as the value).
 */
function restoreErb(scalar: YamlScalar, original: SourceFile, parsed: SourceFile, outputTags: readonly ErbTag[]): void {
  const first = firstOverlapping(outputTags, scalar.range.start.offset, scalar.range.end.offset);
  if (first === -1) return;
  const at = writtenAsIsAt(scalar, parsed);
  if (at !== -1) {
    scalar.value = restoreSlices(scalar.value, at, original.text, outputTags, first);
    return;
  }
  const pieces: string[] = [];
  let changed = false;
  for (let i = 0; i < scalar.value.length; i++) {
    const written = original.text[scalar.sourceOffsets[i]];
    if (scalar.value[i] === '_' && written !== '_') {
      pieces.push(written);
      changed = true;
    } else {
      pieces.push(scalar.value[i]);
    }
  }
  if (changed) scalar.value = pieces.join('');
}

/** Offset at which the value stands in the text exactly as it is (plain, or inside its quotes), else -1. */
function writtenAsIsAt(scalar: YamlScalar, parsed: SourceFile): number {
  const start = scalar.range.start.offset;
  for (const at of [start, start + 1]) if (parsed.text.startsWith(scalar.value, at)) return at;
  return -1;
}

/** `value`, written at `at`, with the parts inside output tags taken from the original text. */
function restoreSlices(value: string, at: number, text: string, tags: readonly ErbTag[], first: number): string {
  const end = at + value.length;
  const pieces: string[] = [];
  let position = at;
  for (let i = first; i < tags.length && tags[i].start < end; i++) {
    const from = Math.max(tags[i].start, at);
    const to = Math.min(tags[i].end, end);
    pieces.push(value.slice(position - at, from - at), text.slice(from, to));
    position = to;
  }
  pieces.push(value.slice(position - at));
  return pieces.join('');
}

/** Index of the first tag of `tags` (in file order, not overlapping) that overlaps `[start, end)`, or -1. */
function firstOverlapping(tags: readonly ErbTag[], start: number, end: number): number {
  let lo = 0;
  let hi = tags.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tags[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < tags.length && tags[lo].start < end ? lo : -1;
}

class KamalReader {
  constructor(
    private readonly file: SourceFile,
    private readonly errors: KamalModel['errors'],
  ) {}

  range(node: TreeNode) {
    return this.file.range(node.start, node.end);
  }

  /** Re-anchors a range on the original file (the parsed copy has the same offsets). */
  rangeOf(scalar: YamlScalar) {
    return this.file.range(scalar.range.start.offset, scalar.range.end.offset);
  }

  scalar(node: TreeNode | undefined): YamlScalar | undefined {
    const value = scalarValue(node);
    if (!value) return undefined;
    const { file: _parsedCopy, ...rest } = value.scalar;
    // sourceOffsets may be a lazy getter, which a spread does not copy.
    return { ...rest, sourceOffsets: value.scalar.sourceOffsets, range: this.rangeOf(value.scalar) };
  }

  entries(node: TreeNode | undefined): TreeEntry[] {
    if (node?.kind !== 'map') return [];
    return [...node.entries.values()];
  }

  private keyRange(entry: TreeEntry) {
    return this.file.range(entry.keyStart, entry.keyEnd);
  }

  /** `- host` or `- host: [tags]` items. */
  hosts(node: TreeNode | undefined): Located[] {
    if (!node) return [];
    const items = node.kind === 'seq' ? node.items : [node];
    const hosts: Located[] = [];
    for (const item of items) {
      const scalar = this.scalar(item);
      if (scalar) hosts.push({ value: scalar.value, range: scalar.range });
      else for (const entry of this.entries(item)) hosts.push({ value: entry.key, range: this.keyRange(entry) });
    }
    return hosts;
  }

  /** `servers:` as a list of hosts (the `web` role) or a mapping of roles. */
  roles(servers: TreeEntry | undefined): KamalRole[] {
    if (!servers) return [];
    const value = servers.value;
    if (value.kind === 'seq' || value.kind === 'scalar') {
      return [{ name: 'web', nameRange: this.keyRange(servers), hosts: this.hosts(value), range: this.file.range(servers.entryStart, servers.entryEnd) }];
    }
    return this.entries(value).map((entry) => {
      const role: KamalRole = {
        name: entry.key,
        nameRange: this.keyRange(entry),
        hosts: entry.value.kind === 'map' ? this.hosts(mapValue(entry.value, 'hosts')) : this.hosts(entry.value),
        range: this.file.range(entry.entryStart, entry.entryEnd),
      };
      if (entry.value.kind === 'map') {
        const cmd = this.scalar(mapValue(entry.value, 'cmd'));
        if (cmd) role.cmd = cmd;
        const env = this.env(mapValue(entry.value, 'env'));
        if (env) role.env = env;
      }
      return role;
    });
  }

  /** `host:container[:options]` strings; `directories:` are always host directories. */
  volumes(node: TreeNode | undefined, directories: boolean): KamalVolume[] {
    if (node?.kind !== 'seq') return [];
    const volumes: KamalVolume[] = [];
    for (const item of node.items) {
      const spec = this.scalar(item);
      if (!spec) continue;
      const parts = spec.value.split(':');
      if (parts.length < 2 || parts[0] === '' || parts[1] === '') {
        this.errors.push({ message: `volume "${spec.value}" should be host_path_or_volume:container_path[:options]`, range: spec.range });
        continue;
      }
      const source = parts[0];
      volumes.push({
        spec,
        source,
        sourceType: directories || /^[/.~]/.test(source) ? 'bind' : 'volume',
        target: parts[1],
        readOnly: (parts[2] ?? '').split(',').includes('ro'),
      });
    }
    return volumes;
  }

  /** `env:` with `clear:` / `secret:`, or a plain mapping (all clear). */
  env(node: TreeNode | undefined): KamalEnv | undefined {
    if (node?.kind !== 'map') return undefined;
    const structured = node.entries.has('clear') || node.entries.has('secret');
    const clearNode = structured ? mapValue(node, 'clear') : node;
    const env: KamalEnv = { clear: [], secret: [] };
    for (const entry of this.entries(clearNode)) {
      if (!structured && entry.key === 'tags') continue;
      const value = this.scalar(entry.value);
      env.clear.push({ name: entry.key, ...(value ? { value } : {}), range: this.file.range(entry.entryStart, entry.entryEnd) });
    }
    const secret = structured ? mapValue(node, 'secret') : undefined;
    for (const item of secret?.kind === 'seq' ? secret.items : []) {
      const scalar = this.scalar(item);
      // `NAME:ALIAS` reads the secret ALIAS into variable NAME
      if (scalar) env.secret.push({ name: scalar.value.split(':')[0], range: scalar.range });
    }
    return env;
  }

  accessories(node: TreeNode | undefined, roles: KamalRole[]): KamalAccessory[] {
    return this.entries(node).map((entry) => {
      const value = entry.value;
      const accessory: KamalAccessory = {
        name: entry.key,
        nameRange: this.keyRange(entry),
        hosts: [...this.hosts(mapValue(value, 'host')), ...this.hosts(mapValue(value, 'hosts'))],
        volumes: this.volumes(mapValue(value, 'volumes'), false),
        directories: this.volumes(mapValue(value, 'directories'), true),
        range: this.file.range(entry.entryStart, entry.entryEnd),
      };
      const roleNames = this.hosts(mapValue(value, 'roles'));
      if (roleNames.length > 0) {
        accessory.roles = roleNames;
        // An accessory on `roles:` runs on those roles' hosts.
        for (const name of roleNames) accessory.hosts.push(...(roles.find((role) => role.name === name.value)?.hosts ?? []));
      }
      const image = this.scalar(mapValue(value, 'image'));
      if (image) accessory.image = image;
      const env = this.env(mapValue(value, 'env'));
      if (env) accessory.env = env;
      const cmd = this.scalar(mapValue(value, 'cmd'));
      if (cmd) accessory.cmd = cmd;
      return accessory;
    });
  }
}
