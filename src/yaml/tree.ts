/**
 * YAML values with exact source positions, shared by the compose and Kamal parsers.
 *
 * The `yaml` library parses and gives node ranges; this module adds what it does not give:
 * for every character of a scalar's value, the file offset it was written at (through quotes,
 * escapes, line folding and block scalars), and a position-keeping tree in which aliases and
 * `<<` merge keys are resolved to the nodes where their text is written.
 */
import type { CST, Document, Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser } from 'yaml';
import { ParseError } from '../errors';
import type { Env, ParsedTemplate } from '../interpolation/template';
import { interpolate, MissingRequiredVariableError, parseTemplate } from '../interpolation/template';
import type { SourceFile } from '../source';
import type { Range } from '../types';
import type { YamlScalar } from '../compose/model';

// ---------------------------------------------------------------------------------------------
// Scalars and their source offsets

interface MappedText {
  value: string;
  offsets: number[];
}

/**
 * Builds a YamlScalar from a parsed scalar node, mapping each value character to its offset. The
 * mapping is made when first read: most scalars of a large repository are never reported.
 */
export function scalarFromNode(node: Scalar, file: SourceFile): YamlScalar {
  const token = node.srcToken as CST.Token | undefined;
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  return new WrittenScalar(scalarText(node, token), file.range(start, valueEnd), file, token, start, valueEnd);
}

/**
 * A scalar read from a YAML file. A class, not a literal with a getter: V8 keeps such literals in
 * slow dictionary mode once the parser adds `baseDir` and `interpolated`. The lazy `sourceOffsets`
 * lives on the prototype, so a spread copy does not carry it: copy it by name.
 */
class WrittenScalar implements YamlScalar {
  baseDir?: string;
  interpolated?: string;
  #offsets: number[] | undefined;
  readonly #token: CST.Token | undefined;
  readonly #start: number;
  readonly #end: number;

  constructor(
    readonly value: string,
    readonly range: Range,
    readonly file: SourceFile,
    token: CST.Token | undefined,
    start: number,
    end: number,
  ) {
    this.#token = token;
    this.#start = start;
    this.#end = end;
  }

  get sourceOffsets(): number[] {
    return (this.#offsets ??= mapOffsets(this.#token, this.value, this.#start, this.#end));
  }
}

function mapOffsets(token: CST.Token | undefined, expected: string, start: number, valueEnd: number): number[] {
  let mapped: MappedText | undefined;
  if (token && (token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar')) {
    mapped = mapFlowScalar(token.source, token.type, token.offset);
  } else if (token && token.type === 'block-scalar') {
    mapped = mapBlockScalar(token);
  }
  // The mapping re-derives what the library resolved; if the two ever disagree (an exotic
  // escape or indentation case), positions degrade to "somewhere in the scalar" rather than lie.
  return mapped && mapped.value === expected ? mapped.offsets : linearOffsets(expected.length, start, valueEnd);
}

/** The scalar's text: the resolved string, or for non-string plain scalars the text as written. */
function scalarText(node: Scalar, token: CST.Token | undefined): string {
  if (typeof node.value === 'string') return node.value;
  if (node.value === null || node.value === undefined) return '';
  if (token && token.type === 'scalar') return token.source;
  return String(node.value);
}

function linearOffsets(length: number, start: number, end: number): number[] {
  const offsets = new Array<number>(length);
  const last = Math.max(start, end - 1);
  for (let i = 0; i < length; i++) offsets[i] = Math.min(start + i, last);
  return offsets;
}

interface SourceLine {
  text: string;
  /** File offset of the line's first character. */
  start: number;
  /** File offset of the line break that ends the line (start of `\r\n` or `\n`). */
  breakAt: number;
}

function splitLines(source: string, base: number): SourceLine[] {
  const lines: SourceLine[] = [];
  let lineStart = 0;
  for (;;) {
    const nl = source.indexOf('\n', lineStart);
    const rawEnd = nl === -1 ? source.length : nl;
    const end = rawEnd > lineStart && source[rawEnd - 1] === '\r' ? rawEnd - 1 : rawEnd;
    lines.push({ text: source.slice(lineStart, end), start: base + lineStart, breakAt: base + end });
    if (nl === -1) return lines;
    lineStart = nl + 1;
  }
}

const WHITESPACE = /[ \t]/;

/** Plain and quoted scalars: quotes, `''`, backslash escapes and line folding. */
function mapFlowScalar(source: string, type: string, offset: number): MappedText {
  const quoted = type !== 'scalar';
  const body = quoted ? source.slice(1, -1) : source;
  const lines = splitLines(body, offset + (quoted ? 1 : 0));
  const out: MappedText = { value: '', offsets: [] };
  const push = (text: string, at: number) => {
    out.value += text;
    for (let i = 0; i < text.length; i++) out.offsets.push(at);
  };
  let pendingBreaks: number[] = [];
  let escapedBreak = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    let from = 0;
    let to = line.text.length;
    if (index > 0) while (from < to && WHITESPACE.test(line.text[from])) from++;
    const isLast = index === lines.length - 1;
    if (!isLast) {
      while (to > from && WHITESPACE.test(line.text[to - 1]) && !(type === 'double-quoted-scalar' && isEscaped(line.text, to - 1))) to--;
    }
    const content = line.text.slice(from, to);
    if (index > 0) {
      if (content === '' && !isLast) {
        pendingBreaks.push(line.breakAt);
        continue;
      }
      if (!escapedBreak) {
        if (pendingBreaks.length > 0) for (const at of pendingBreaks) push('\n', at);
        else push(' ', lines[index - 1].breakAt);
      } else {
        for (const at of pendingBreaks) push('\n', at);
      }
      pendingBreaks = [];
    }
    escapedBreak = false;
    let text = content;
    if (type === 'double-quoted-scalar' && !isLast && text.endsWith('\\') && !isEscaped(text, text.length - 1)) {
      escapedBreak = true;
      text = text.slice(0, -1);
    }
    appendContent(out, text, line.start + from, type);
  }
  return out;
}

/** Whether the character at `index` is preceded by an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function appendContent(out: MappedText, text: string, base: number, type: string): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (type === 'single-quoted-scalar' && ch === "'" && text[i + 1] === "'") {
      out.value += "'";
      out.offsets.push(base + i);
      i++;
    } else if (type === 'double-quoted-scalar' && ch === '\\' && i + 1 < text.length) {
      const code = text[i + 1];
      const hexLength = HEX_ESCAPE_LENGTH[code];
      let produced: string;
      let consumed = 2;
      if (hexLength) {
        produced = String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + hexLength), 16));
        consumed += hexLength;
      } else {
        produced = SIMPLE_ESCAPES[code] ?? code;
      }
      out.value += produced;
      for (let k = 0; k < produced.length; k++) out.offsets.push(base + i);
      i += consumed - 1;
    } else {
      out.value += ch;
      out.offsets.push(base + i);
    }
  }
}

/** `|` and `>` block scalars with indentation and chomping indicators. */
function mapBlockScalar(token: CST.BlockScalar): MappedText | undefined {
  const header = token.props.find((prop) => prop.type === 'block-scalar-header');
  const newline = token.props.find((prop) => prop.type === 'newline');
  if (!header || !('source' in header) || !newline || !('source' in newline)) return undefined;
  const indicator = header.source;
  const folded = indicator.startsWith('>');
  const chomp = indicator.includes('-') ? 'strip' : indicator.includes('+') ? 'keep' : 'clip';
  const explicit = /[1-9]/.exec(indicator);
  const lines = splitLines(token.source, newline.offset + newline.source.length);
  if (lines.length > 0 && lines[lines.length - 1].text === '') lines.pop();
  let indent: number;
  if (explicit) {
    indent = ('indent' in header ? header.indent : 0) + Number(explicit[0]);
  } else {
    indent = 0;
    for (const line of lines) {
      // Indentation is spaces only: a tab after it is the first character of the content.
      const leading = line.text.length - line.text.replace(/^ +/, '').length;
      if (leading === line.text.length) indent = Math.max(indent, leading);
      else {
        indent = leading;
        break;
      }
    }
  }
  const out: MappedText = { value: '', offsets: [] };
  const content = lines.map((line) => ({ text: line.text.slice(indent), start: line.start + indent, breakAt: line.breakAt }));
  let lastText = -1;
  for (let i = 0; i < content.length; i++) if (content[i].text !== '') lastText = i;
  for (let i = 0; i <= lastText; i++) {
    const line = content[i];
    for (let k = 0; k < line.text.length; k++) out.offsets.push(line.start + k);
    out.value += line.text;
    if (i === lastText) break;
    const next = content[i + 1];
    const foldable = folded && line.text !== '' && !/^[ \t]/.test(line.text) && next.text !== '' && !/^[ \t]/.test(next.text);
    if (foldable) {
      out.value += ' ';
      out.offsets.push(line.breakAt);
    } else if (folded && line.text !== '' && !/^[ \t]/.test(line.text) && next.text === '') {
      // A break followed by empty lines is dropped; each empty line stands for one newline,
      // unless the text after the empty lines is more indented (then the break is kept).
      let j = i + 1;
      while (j <= lastText && content[j].text === '') j++;
      if (j <= lastText && /^[ \t]/.test(content[j].text)) {
        out.value += '\n';
        out.offsets.push(line.breakAt);
      }
    } else {
      out.value += '\n';
      out.offsets.push(line.breakAt);
    }
  }
  if (lastText >= 0 && chomp !== 'strip') {
    out.value += '\n';
    out.offsets.push(content[lastText].breakAt);
  }
  if (chomp === 'keep') {
    for (let i = Math.max(lastText + 1, 0); i < content.length; i++) {
      out.value += '\n';
      out.offsets.push(content[i].breakAt);
    }
  }
  return out;
}

/**
 * A part of a scalar: `value.slice(start, end)` with its offsets. The range covers the part;
 * an empty part gets an empty range where it would be. The offsets are into the file the scalar
 * is written in, so that file makes the range when the scalar knows it (`file` is for those that do not).
 */
export function sliceScalar(scalar: YamlScalar, start: number, end: number, fallbackFile: SourceFile): YamlScalar {
  const file = scalar.file ?? fallbackFile;
  const all = scalar.sourceOffsets;
  const offsets = all.slice(start, end);
  const from = start < all.length ? all[start] : all.length > 0 ? writtenEnd(file, scalar, all.length - 1) : scalar.range.start.offset;
  const to = end > start ? writtenEnd(file, scalar, end - 1) : from;
  const part: YamlScalar = { value: scalar.value.slice(start, end), sourceOffsets: offsets, range: file.range(from, to), file };
  if (scalar.baseDir !== undefined) part.baseDir = scalar.baseDir;
  return part;
}

/**
 * The file offset just past the text that writes `value[index]`: one byte, or a whole escape
 * (`\x7d`, `\u00e9`, `\\` in a double-quoted scalar, `''` in a single-quoted one), so that a range
 * ending on an escaped character covers all of it.
 */
export function writtenEnd(file: SourceFile, scalar: YamlScalar, index: number): number {
  const offsets = scalar.sourceOffsets;
  const at = offsets[index];
  const text = file.text;
  // A backslash that writes another character is a double-quoted escape (elsewhere it writes itself).
  if (text[at] === '\\' && scalar.value[index] !== '\\') return at + 2 + (HEX_ESCAPE_LENGTH[text[at + 1]] ?? 0);
  // Two bytes for one character: the next character is not written at the next byte.
  if ((text[at] === '\\' || text[at] === "'") && text[at + 1] === text[at] && offsets[index + 1] !== at + 1) return at + 2;
  return at + 1;
}

/** File range of `value[start, end)`, through the offsets. */
export function rangeInScalar(scalar: YamlScalar, start: number, end: number, file: SourceFile) {
  return sliceScalar(scalar, start, end, file).range;
}

// ---------------------------------------------------------------------------------------------
// Position-keeping tree

/** Compose's `!reset` / `!override` tags (other tags are kept as written). */
export type MergeTag = 'reset' | 'override';

interface TreeCommon {
  file: SourceFile;
  start: number;
  end: number;
  mergeTag?: MergeTag;
  /** Directory (posix, relative to the project root) that relative paths written here resolve against. */
  baseDir: string;
  /** The variables this file is interpolated with (compose interpolates each file with its own). */
  env: Env;
}

export interface TreeScalar extends TreeCommon {
  kind: 'scalar';
  scalar: YamlScalar;
  /** YAML null (`~`, `null`, or nothing written). */
  isNull: boolean;
  /** The YAML-typed value (number, boolean, string, null). */
  typed: unknown;
}

export interface TreeEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The whole `key: value` pair (or list item, for a list converted to a map). */
  entryStart: number;
  entryEnd: number;
  file: SourceFile;
  value: TreeNode;
  /** The entry stands for a `KEY=VALUE` (or bare name) list item, which is its value. */
  fromListItem?: boolean;
}

export interface TreeMap extends TreeCommon {
  kind: 'map';
  entries: Map<string, TreeEntry>;
}

export interface TreeSeq extends TreeCommon {
  kind: 'seq';
  items: TreeNode[];
}

export type TreeNode = TreeScalar | TreeMap | TreeSeq;

export interface TreeBuildOptions {
  file: SourceFile;
  baseDir: string;
  env: Env;
  /** Called for every scalar value (never for keys), with its path, e.g. to interpolate it. */
  onValue?(scalar: YamlScalar, path: readonly string[]): void;
  /** Problems that do not stop the file from being read (merge key misuse, cycles). */
  onError(message: string, start: number, end: number): void;
  /** Called for every comment (`#` to the end of its line, as YAML reads it), by offsets in the file. */
  onComment?(start: number, end: number): void;
}

/** Aliases may be used freely, but an expansion far larger than the file is an alias bomb. */
function aliasBudget(text: string): number {
  return Math.max(100_000, text.length * 8);
}

/**
 * The node each alias refers to: the last anchor of that name before it, in document order.
 * (yaml's `Alias.resolve` walks the whole document for every alias, which is quadratic on a
 * file with thousands of `<<: *defaults`; this is one walk.) An alias with no anchor before it
 * is a syntax error in go-yaml ("unknown anchor"), so it is one here.
 */
function aliasTargets(document: Document.Parsed): Map<YamlNode, YamlNode> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<YamlNode, YamlNode>();
  // A plain walk in document order (keys before values); yaml's `visit` is slower, as it
  // supports editing the tree while walking it.
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) {
        const [start, end] = node.range ?? [0, 0];
        throw new ParseError(`unknown anchor '${node.source}' referenced`, start, end);
      }
      targets.set(node, target);
      return;
    }
    const yamlNode = node as YamlNode;
    if (yamlNode.anchor) anchors.set(yamlNode.anchor, yamlNode);
    if (isMap(yamlNode) || isSeq(yamlNode)) for (const item of yamlNode.items) walk(item);
  };
  walk(document.contents);
  return targets;
}

/**
 * Number of nodes the document has once every alias is expanded, computed without expanding:
 * what yaml's `maxAliasCount` guards against, in linear time.
 */
function expandedSize(root: YamlNode, targets: ReadonlyMap<YamlNode, YamlNode>, budget: number): number {
  const sizes = new Map<YamlNode, number>();
  const measure = (node: unknown): number => {
    if (!node || typeof node !== 'object') return 0;
    if (isPair(node)) return measure(node.key) + measure(node.value);
    const yamlNode = node as YamlNode;
    const target = isAlias(yamlNode) ? targets.get(yamlNode) : yamlNode;
    if (!target) return 1;
    const known = sizes.get(target);
    if (known !== undefined) return known;
    sizes.set(target, 0); // a cycle counts once
    let size = 1;
    if (isMap(target) || isSeq(target)) for (const item of target.items) size = Math.min(budget + 1, size + measure(item));
    sizes.set(target, size);
    return size;
  };
  return measure(root);
}

const COMPOSE_OPTIONS = {
  keepSourceTokens: true,
  // Duplicate keys are refused by the tree builder: yaml's own check compares every key with
  // every other, which is quadratic on a `services:` mapping with thousands of entries.
  uniqueKeys: false,
  prettyErrors: false,
  merge: false,
} as const;

/**
 * The YAML documents of a text, each handed over as soon as it is read, so that a stream of a
 * million small documents never holds more than one parsed document at a time.
 */
export function* yamlDocuments(text: string, onComment?: (start: number, end: number) => void): Generator<Document.Parsed> {
  const composer = new Composer(COMPOSE_OPTIONS);
  const tokens = new Parser().parse(text);
  // Without a `#` there is no comment to look for in the syntax tree.
  yield* composer.compose(onComment && text.includes('#') ? withComments(tokens, onComment) : tokens) as Generator<Document.Parsed>;
}

/** The CST tokens, passed on unchanged, each one's comments handed to `onComment` first. */
function* withComments(tokens: Generator<CST.Token>, onComment: (start: number, end: number) => void): Generator<CST.Token> {
  for (const token of tokens) {
    // The syntax tree can be as deep as the file is hostile: walk it with a stack, not recursion.
    const stack: unknown[] = [token];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        for (let index = node.length - 1; index >= 0; index--) stack.push(node[index]);
      } else if (typeof node === 'object' && node !== null) {
        const source = node as { type?: unknown; offset?: unknown; source?: unknown };
        if (source.type === 'comment' && typeof source.offset === 'number' && typeof source.source === 'string') {
          onComment(source.offset, source.offset + source.source.length);
          continue;
        }
        for (const key of ['start', 'key', 'sep', 'value', 'end', 'items', 'props'] as const) {
          const child = (node as Record<string, unknown>)[key];
          if (typeof child === 'object' && child !== null) stack.push(child);
        }
      }
    }
    yield token;
  }
}

/** What a whole file costs once, not once per document. */
interface FileFacts {
  /** Every alias is written with a `*`: without one, no document needs the alias walk. */
  mayHaveAliases: boolean;
  aliasBudget: number;
}

/**
 * The trees of a YAML stream, one per document (undefined for an empty one), built document by
 * document. Syntax errors, duplicate keys, unknown anchors and alias bombs throw ParseError at
 * the first document that has one; an empty stream gives no trees.
 */
export function* yamlTrees(options: TreeBuildOptions): Generator<TreeNode | undefined> {
  const text = options.file.text;
  const facts: FileFacts = { mayHaveAliases: text.includes('*'), aliasBudget: aliasBudget(text) };
  // go-yaml reads a lone `\r` as a line break and yaml does not: give yaml `\n` in its place
  // (same length, so every offset stays that of the file; scalar values get `\n`, as go-yaml's).
  for (const document of yamlDocuments(withLoneCrAsLf(text), options.onComment)) {
    const error = document.errors[0];
    if (error) throw new ParseError(firstLine(error.message), error.pos[0], error.pos[1]);
    yield buildDocumentTree(document, options, facts);
  }
}

/** `\r` not followed by `\n` replaced with `\n`. */
export function withLoneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function buildDocumentTree(document: Document.Parsed, options: TreeBuildOptions, facts: FileFacts): TreeNode | undefined {
  const contents = document.contents;
  if (!contents) return undefined;
  const targets = facts.mayHaveAliases ? aliasTargets(document) : NO_ALIASES;
  if (targets.size > 0) {
    const budget = facts.aliasBudget;
    if (expandedSize(contents, targets, budget) > budget) {
      const range = contents.range ?? [0, 0];
      throw new ParseError('Excessive use of YAML aliases: the document expands to far more than it holds (an alias bomb?)', range[0], range[1]);
    }
  }
  return new TreeBuilder(targets, options).build(contents, []);
}

const NO_ALIASES: ReadonlyMap<YamlNode, YamlNode> = new Map();

class TreeBuilder {
  private readonly built = new Map<YamlNode, TreeNode>();
  private readonly inProgress = new Set<YamlNode>();

  constructor(
    private readonly aliasTargets: ReadonlyMap<YamlNode, YamlNode>,
    private readonly options: TreeBuildOptions,
  ) {}

  build(node: YamlNode, path: string[]): TreeNode | undefined {
    // Without aliases no node is reached twice and there is no cycle: skip the bookkeeping.
    if (this.aliasTargets.size === 0) return isAlias(node) ? undefined : this.buildResolved(node, path);
    const target = this.resolve(node);
    if (!target) return undefined;
    const cached = this.built.get(target);
    if (cached) return cached;
    if (this.inProgress.has(target)) {
      const [start, end] = node.range ?? [0, 0];
      this.options.onError(`cycle detected: node at path ${path.join('.')} references an enclosing node`, start, end);
      return undefined;
    }
    this.inProgress.add(target);
    let result: TreeNode;
    try {
      result = this.buildResolved(target, path);
    } finally {
      this.inProgress.delete(target);
    }
    this.built.set(target, result);
    return result;
  }

  private resolve(node: YamlNode): YamlNode | undefined {
    return isAlias(node) ? this.aliasTargets.get(node) : node;
  }

  /** Adds the fields every tree node has to a new node (assigned, not spread: this runs per node). */
  private withCommon<T extends TreeNode>(node: YamlNode, built: Omit<T, keyof TreeCommon>): T {
    const [start, end] = node.range ?? [0, 0];
    const complete = built as T;
    complete.file = this.options.file;
    complete.start = start;
    complete.end = end;
    complete.baseDir = this.options.baseDir;
    complete.env = this.options.env;
    if (node.tag === '!reset') complete.mergeTag = 'reset';
    else if (node.tag === '!override') complete.mergeTag = 'override';
    return complete;
  }

  private buildResolved(node: YamlNode, path: string[]): TreeNode {
    if (isMap(node)) return this.buildMap(node, path);
    if (isSeq(node)) {
      const items: TreeNode[] = [];
      node.items.forEach((item, index) => {
        path.push(String(index));
        const built = item == null ? undefined : this.build(item as YamlNode, path);
        path.pop();
        if (built) items.push(built);
      });
      return this.withCommon<TreeSeq>(node, { kind: 'seq', items });
    }
    const scalarNode = node as Scalar;
    const scalar = scalarFromNode(scalarNode, this.options.file);
    const isNull = scalarNode.value === null || scalarNode.value === undefined;
    if (!isNull) this.options.onValue?.(scalar, path);
    return this.withCommon<TreeScalar>(node, { kind: 'scalar', scalar, isNull, typed: scalarNode.value ?? null });
  }

  private buildMap(node: YAMLMap, path: string[]): TreeMap {
    const entries = new Map<string, TreeEntry>();
    const explicit = new Set<string>();
    checkUniqueKeys(node);
    for (const pair of node.items) if (!isMergeKey(pair)) explicit.add(keyText(pair.key));
    for (const pair of node.items) {
      if (isMergeKey(pair)) {
        this.applyMergeKey(pair, entries, explicit, path);
        continue;
      }
      const key = keyText(pair.key);
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      const [keyStart, keyEnd] = keyNode?.range ?? valueNode?.range ?? [0, 0];
      path.push(key);
      const value = valueNode ? this.build(valueNode, path) : undefined;
      path.pop();
      const entryEnd = valueNode?.range ? valueNode.range[1] : keyEnd;
      entries.set(key, {
        key,
        keyStart,
        keyEnd,
        entryStart: keyStart,
        entryEnd,
        file: this.options.file,
        value: value ?? this.nullAt(keyEnd, valueNode),
      });
    }
    return this.withCommon<TreeMap>(node, { kind: 'map', entries });
  }

  /** `<<: *a` or `<<: [*a, *b]`: keys written in the mapping win, then earlier sources. */
  private applyMergeKey(pair: Pair, entries: Map<string, TreeEntry>, explicit: Set<string>, path: string[]): void {
    const valueNode = pair.value as YamlNode | null;
    const resolved = valueNode ? this.resolve(valueNode) : undefined;
    const sources: YamlNode[] = resolved && isSeq(resolved) ? (resolved.items as YamlNode[]) : resolved ? [resolved] : [];
    for (const source of sources) {
      const built = this.build(source, path);
      if (!built) continue;
      if (built.kind !== 'map') {
        const [start, end] = source.range ?? valueNode?.range ?? [0, 0];
        this.options.onError('map merge requires map or sequence of maps as the value', start, end);
        continue;
      }
      for (const [key, entry] of built.entries) {
        if (!explicit.has(key) && !entries.has(key)) entries.set(key, entry);
      }
    }
  }

  private nullAt(offset: number, node: YamlNode | null): TreeScalar {
    const tag = node?.tag === '!reset' ? 'reset' : node?.tag === '!override' ? 'override' : undefined;
    const scalar: YamlScalar = { value: '', sourceOffsets: [], range: this.options.file.range(offset, offset), file: this.options.file };
    return {
      kind: 'scalar',
      scalar,
      isNull: true,
      typed: null,
      file: this.options.file,
      start: offset,
      end: offset,
      baseDir: this.options.baseDir,
      env: this.options.env,
      ...(tag ? { mergeTag: tag as MergeTag } : {}),
    };
  }
}

/**
 * go-yaml (compose) refuses a mapping that has a key twice, comparing every key's text, `<<` merge
 * keys included; and it checks the mappings inside a complex key (`? {a: 1, a: 2}`) as well.
 */
function checkUniqueKeys(node: YAMLMap): void {
  const written = new Set<string>();
  for (const pair of node.items) {
    const key = keyText(pair.key);
    if (written.has(key)) {
      const [start, end] = (pair.key as YamlNode | null)?.range ?? [node.range?.[0] ?? 0, node.range?.[0] ?? 0];
      throw new ParseError(`Map keys must be unique: "${key}" is defined twice`, start, end);
    }
    written.add(key);
    if (isMap(pair.key) || isSeq(pair.key)) checkKeyCollection(pair.key);
  }
}

/** The mappings anywhere inside a complex key; they are never built into the tree. */
function checkKeyCollection(node: unknown): void {
  if (isMap(node)) {
    checkUniqueKeys(node);
    for (const pair of node.items) checkKeyCollection(pair.value);
  } else if (isSeq(node)) {
    for (const item of node.items) checkKeyCollection(item);
  }
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** go-yaml's merge key: `<<` written plain (or with the non-specific tag `!`), or tagged `!!merge`. */
function isMergeKey(pair: Pair): boolean {
  const key = pair.key;
  if (!isScalar(key) || keyText(key) !== '<<') return false;
  return key.tag === MERGE_TAG || (key.type === 'PLAIN' && (key.tag === undefined || key.tag === '!'));
}

function keyText(key: unknown): string {
  if (key == null) return '';
  if (isScalar(key)) {
    // yaml resolves a `!!merge` key to a symbol; its text is what was written.
    if (typeof key.value === 'symbol') return key.source ?? '';
    return key.value == null ? '' : String(key.value);
  }
  return String(key);
}

// ---------------------------------------------------------------------------------------------
// Small readers used by both parsers

export function mapEntry(node: TreeNode | undefined, key: string): TreeEntry | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

export function mapValue(node: TreeNode | undefined, key: string): TreeNode | undefined {
  const entry = mapEntry(node, key);
  if (!entry || entry.value.mergeTag === 'reset') return undefined;
  return entry.value;
}

/** A non-null scalar value, or undefined. */
export function scalarValue(node: TreeNode | undefined): TreeScalar | undefined {
  return node?.kind === 'scalar' && !node.isNull ? node : undefined;
}

// ---------------------------------------------------------------------------------------------
// Interpolation that keeps track of where each character came from

/**
 * A scalar's value after interpolation, with, for each resulting character, the range of the raw
 * value it came from: itself for literal text, the whole `${...}` for substituted text, the `$$`
 * for an escaped dollar. Lets a parser split the interpolated text (as compose does) and still
 * point at the raw text.
 */
export interface InterpolatedView {
  text: string;
  rawStart: number[];
  rawEnd: number[];
  /** False when the template could not be interpolated (then `text` is the raw value). */
  interpolated: boolean;
}

export function interpolationView(raw: string, env: Env): InterpolatedView {
  if (!raw.includes('$')) return identityView(raw, true);
  let parsed: ParsedTemplate;
  try {
    parsed = parseTemplate(raw);
  } catch {
    return identityView(raw, false);
  }
  const view: InterpolatedView = { text: '', rawStart: [], rawEnd: [], interpolated: true };
  const append = (text: string, start: number, end: number) => {
    view.text += text;
    for (let i = 0; i < text.length; i++) {
      view.rawStart.push(start);
      view.rawEnd.push(end);
    }
  };
  const pieces = [
    ...parsed.expressions.map((expression) => ({ start: expression.start, end: expression.end, expression: true })),
    ...parsed.escapes.map((escape) => ({ start: escape.start, end: escape.end, expression: false })),
  ].sort((a, b) => a.start - b.start);
  let position = 0;
  for (const piece of pieces) {
    if (piece.start < position) continue; // a `$$` nested inside an expression's argument
    for (let i = position; i < piece.start; i++) append(raw[i], i, i + 1);
    if (piece.expression) {
      try {
        append(interpolate(raw.slice(piece.start, piece.end), env), piece.start, piece.end);
      } catch (error) {
        if (error instanceof MissingRequiredVariableError) return identityView(raw, false);
        throw error;
      }
    } else {
      append('$', piece.start, piece.end);
    }
    position = piece.end;
  }
  for (let i = position; i < raw.length; i++) append(raw[i], i, i + 1);
  return view;
}

/** The raw text as its own view (no interpolation). */
export function identityView(raw: string, interpolated = false): InterpolatedView {
  const rawStart = new Array<number>(raw.length);
  const rawEnd = new Array<number>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    rawStart[i] = i;
    rawEnd[i] = i + 1;
  }
  return { text: raw, rawStart, rawEnd, interpolated };
}

/**
 * Raw-value range `[start, end)` of the interpolated text `[from, to)`, as wide as the raw text
 * between the neighbouring characters: a variable that expanded to nothing belongs to the part
 * it was written in (`$CACHE/c` with CACHE unset is the source `/c`, written as `$CACHE/c`).
 */
export function rawRangeOf(view: InterpolatedView, rawLength: number, from: number, to: number): [number, number] {
  const length = view.text.length;
  const afterPrevious = from > 0 ? view.rawEnd[from - 1] : 0;
  const beforeNext = to < length ? view.rawStart[to] : rawLength;
  if (from >= to) return [afterPrevious, Math.max(afterPrevious, beforeNext)];
  return [Math.min(view.rawStart[from], afterPrevious), Math.max(view.rawEnd[to - 1], beforeNext)];
}

/** The part of a scalar that the interpolated text `[from, to)` came from, carrying that text. */
export function scalarPart(scalar: YamlScalar, view: InterpolatedView, from: number, to: number, file: SourceFile): YamlScalar {
  const [start, end] = rawRangeOf(view, scalar.value.length, from, to);
  const part = sliceScalar(scalar, start, end, file);
  if (view.interpolated) part.interpolated = view.text.slice(from, to);
  return part;
}
