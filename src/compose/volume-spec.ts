/**
 * Service volumes, short and long syntax, read the way compose-go does: short specs by the rules
 * of `format.ParseVolume` applied to the interpolated text, targets through Go's `path.Clean`.
 */
import type { Env } from '../interpolation/template';
import type { SourceFile } from '../source';
import type { Range } from '../types';
import type { ServiceVolume, VolumeType, YamlScalar } from './model';
import { writtenText } from '../quote';
import type { InterpolatedView, TreeMap, TreeNode } from '../yaml/tree';
import { identityView, interpolationView, mapValue, rawRangeOf, rangeInScalar, scalarPart, scalarValue } from '../yaml/tree';

/** Index ranges `[start, end)` into the spec text. */
export interface VolumeSpecParts {
  type: 'bind' | 'volume';
  source?: [number, number];
  target: [number, number];
  mode?: [number, number];
  readOnly: boolean;
  /** Canonical options as compose derives them (`bind.create_host_path`, `volume.nocopy`, ...). */
  options: { bind?: Record<string, unknown>; volume?: Record<string, unknown> };
}

export type VolumeSpecResult = { ok: true; parts: VolumeSpecParts } | { ok: false; reason: string };

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);
const SELINUX = new Set(['z', 'Z']);

/**
 * Splits a short volume spec as compose-go's ParseVolume does: at colons, except a drive-letter
 * colon (`C:`) and colons inside `${...}` (which only survive interpolation when it is disabled
 * or the text came from an escaped `$${`).
 */
export function parseVolumeSpec(spec: string): VolumeSpecResult {
  if (spec === '') return { ok: false, reason: 'invalid empty volume spec' };
  // ParseVolume measures the spec in bytes, as Go strings are (never fewer bytes than UTF-16 units).
  if (spec.length <= 2 && Buffer.byteLength(spec, 'utf8') <= 2) return { ok: true, parts: { type: 'volume', target: [0, spec.length], readOnly: false, options: { volume: {} } } };

  const parts: Partial<VolumeSpecParts> & { readOnly: boolean; options: VolumeSpecParts['options'] } = { readOnly: false, options: {} };
  let bufferStart = 0;
  let substitutionDepth = 0;
  for (let i = 0; i <= spec.length; i++) {
    const atEnd = i === spec.length;
    const char = atEnd ? '' : spec[i];
    if (char === '$' && spec[i + 1] === '{') substitutionDepth++;
    if (char === '}' && substitutionDepth > 0) substitutionDepth--;
    if (char === ':' && isWindowsDrive(spec.slice(bufferStart, i))) continue;
    if ((char === ':' || atEnd) && substitutionDepth === 0) {
      const failure = takeSection(parts, [bufferStart, i], spec, atEnd);
      if (failure) return { ok: false, reason: failure };
      bufferStart = i + 1;
    }
  }
  const source = parts.source ? spec.slice(parts.source[0], parts.source[1]) : '';
  const type = isFilePath(source) ? 'bind' : 'volume';
  if (type === 'bind') parts.options.bind = { ...parts.options.bind, create_host_path: true };
  else parts.options.volume = { ...parts.options.volume };
  // Built field by field: spreading the incrementally built `parts` took a slow generic path.
  const result: VolumeSpecParts = { type, target: parts.target ?? [0, 0], readOnly: parts.readOnly, options: parts.options };
  if (parts.source) result.source = parts.source;
  if (parts.mode) result.mode = parts.mode;
  return { ok: true, parts: result };
}

function takeSection(parts: Partial<VolumeSpecParts> & Pick<VolumeSpecParts, 'readOnly' | 'options'>, section: [number, number], spec: string, atEnd: boolean): string | undefined {
  if (section[0] === section[1]) return 'empty section between colons';
  if (!parts.source && atEnd && !parts.target) {
    parts.target = section;
    return undefined;
  }
  if (!parts.source) {
    parts.source = section;
    return undefined;
  }
  if (!parts.target) {
    parts.target = section;
    return undefined;
  }
  if (!atEnd) return 'too many colons';
  parts.mode = section;
  for (const option of spec.slice(section[0], section[1]).split(',')) {
    if (option === 'ro') parts.readOnly = true;
    else if (option === 'rw') parts.readOnly = false;
    else if (option === 'nocopy') parts.options.volume = { nocopy: true };
    else if (PROPAGATIONS.has(option)) parts.options.bind = { ...parts.options.bind, propagation: option };
    else if (SELINUX.has(option)) parts.options.bind = { ...parts.options.bind, selinux: option };
    // compose ignores any other mode word
  }
  return undefined;
}

/** One letter (one code point, in any script) and nothing else, as a drive letter is. */
function isWindowsDrive(buffer: string): boolean {
  if (buffer === '' || buffer.length > 2) return false;
  return firstRune(buffer).length === buffer.length && LETTER.test(buffer);
}

const LETTER = /^\p{L}$/u;

function firstRune(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) as number);
}

/** A short-syntax source is a host path when it starts like one; anything else names a volume. */
export function isFilePath(source: string): boolean {
  if (source === '') return false;
  if (source[0] === '.' || source[0] === '/' || source[0] === '~') return true;
  if (source.startsWith('\\\\')) return true;
  const first = firstRune(source);
  return source.length > first.length && source[first.length] === ':' && isWindowsDrive(first);
}

/** Go's `path.Clean`: lexical, slash-separated, backslashes untouched. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

function cleanTarget(target: string): string {
  return target === '' ? '' : cleanPath(target);
}

export interface VolumeProblem {
  message: string;
  range: Range;
  /** Valid as written; invalid only with the variables the lint run knows (the deploy may set them). */
  environmentDependent?: boolean;
}

/**
 * A short-syntax entry: split after interpolation, positions on the raw text. When only the
 * interpolated text is invalid (`${DATA}:/data` with DATA unset gives `:/data`), compose refuses
 * the file with the variables it was given, but the deploy environment may well set DATA: the
 * problem is reported and the volume is still modelled from the text as written (as compose
 * reads it with interpolation off), each part carrying its own interpolated value.
 */
export function shortSyntaxVolume(spec: YamlScalar, env: Env, file: SourceFile): { volume?: ServiceVolume; problem?: VolumeProblem } {
  const view = interpolationView(spec.value, env);
  const result = parseVolumeSpec(view.text);
  if (result.ok) return { volume: volumeFromParts(spec, view, result.parts, file) };
  const changed = view.text !== spec.value;
  const problem: VolumeProblem = { message: `invalid spec: ${spec.value}: ${result.reason}${changed ? ' (after interpolation)' : ''}`, range: spec.range };
  const asWritten = changed ? parseVolumeSpec(spec.value) : undefined;
  if (!asWritten?.ok) return { problem };
  problem.environmentDependent = true;
  const volume = volumeFromParts(spec, identityView(spec.value), asWritten.parts, file);
  if (volume.source) {
    const sourceView = interpolationView(volume.source.value, env);
    if (sourceView.interpolated) volume.source.interpolated = sourceView.text;
  }
  const writtenTarget = spec.value.slice(asWritten.parts.target[0], asWritten.parts.target[1]);
  volume.target = cleanTarget(interpolationView(writtenTarget, env).text);
  volume.printedTarget = printedTarget(writtenTarget, volume.target);
  return { volume, problem };
}

function volumeFromParts(spec: YamlScalar, written: InterpolatedView, parts: VolumeSpecParts, file: SourceFile): ServiceVolume {
  const target = written.text.slice(parts.target[0], parts.target[1]);
  const [targetStart, targetEnd] = rawRangeOf(written, spec.value.length, parts.target[0], parts.target[1]);
  const volume: ServiceVolume = {
    type: parts.type,
    syntax: 'short',
    target: cleanTarget(target),
    printedTarget: printedTarget(spec.value.slice(targetStart, targetEnd), cleanTarget(target)),
    targetRange: rangeInScalar(spec, targetStart, targetEnd, file),
    readOnly: parts.readOnly,
    range: spec.range,
    spec,
    options: parts.options,
    file,
  };
  if (parts.source) volume.source = scalarPart(spec, written, parts.source[0], parts.source[1], file);
  return volume;
}

const VOLUME_TYPES = new Set<VolumeType>(['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster']);
const LONG_SYNTAX_KEYS = new Set(['type', 'source', 'target', 'read_only', 'consistency', 'bind', 'volume', 'tmpfs', 'image']);
const OPTION_KEYS = ['bind', 'volume', 'tmpfs', 'image'] as const;

/** A long-syntax entry (`type:`, `source:`, `target:`, ...). `path` names it in messages. */
export function longSyntaxVolume(entry: TreeMap, path: string, file: SourceFile): { volume?: ServiceVolume; problems: VolumeProblem[] } {
  const problems: VolumeProblem[] = [];
  const whole = file.range(entry.start, entry.end);
  for (const [key, item] of entry.entries) {
    if (!LONG_SYNTAX_KEYS.has(key) && !key.startsWith('x-')) {
      problems.push({ message: `${path} additional properties '${key}' not allowed`, range: file.range(item.keyStart, item.keyEnd) });
    }
  }
  const typeNode = scalarValue(mapValue(entry, 'type'));
  const typeText = typeNode ? text(typeNode.scalar) : undefined;
  if (!typeNode || typeText === undefined) {
    problems.push({ message: `${path} type is required`, range: whole });
    return { problems };
  }
  if (!VOLUME_TYPES.has(typeText as VolumeType)) {
    problems.push({ message: `${path}.type must be one of: ${[...VOLUME_TYPES].join(', ')}`, range: typeNode.scalar.range });
    return { problems };
  }
  const type = typeText as VolumeType;
  const sourceNode = scalarValue(mapValue(entry, 'source'));
  const source = sourceNode?.scalar;
  const targetNode = scalarValue(mapValue(entry, 'target'));
  const target = targetNode ? text(targetNode.scalar) ?? '' : '';
  const options: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    const value = mapValue(entry, key);
    if (value) options[key] = plainValue(value);
  }
  if (type === 'bind' && (source === undefined || text(source) === '')) {
    // `source: ${DATA}` is empty only with the variables of the lint run: the deploy may set DATA.
    const environmentDependent = source !== undefined && source.value !== '';
    problems.push({ message: 'invalid mount config for type "bind": field Source must not be empty', range: whole, ...(environmentDependent ? { environmentDependent } : {}) });
  }
  if (options.bind && typeof options.bind === 'object' && !('create_host_path' in (options.bind as object))) {
    // compose fills in the default whenever a `bind:` mapping is present
    options.bind = { ...(options.bind as object), create_host_path: true };
  }
  const size = tmpfsSize(mapValue(mapValue(entry, 'tmpfs'), 'size'), `${path}.tmpfs.size`, problems);
  if (size !== undefined) options.tmpfs = { ...(options.tmpfs as object), size };
  const readOnlyNode = scalarValue(mapValue(entry, 'read_only'));
  const volume: ServiceVolume = {
    type,
    syntax: 'long',
    target: cleanTarget(target),
    printedTarget: printedTarget(targetNode ? writtenText(targetNode.scalar) : '', cleanTarget(target)),
    targetRange: targetNode ? targetNode.scalar.range : whole,
    readOnly: readOnlyNode ? toBoolean(readOnlyNode.typed, text(readOnlyNode.scalar)) === true : false,
    range: whole,
    file,
  };
  if (source) volume.source = source;
  if (Object.keys(options).length > 0) volume.options = options;
  return { volume, problems };
}

/**
 * The target as messages name it: as written when it is interpolated (its value may come from
 * `.env`, whose values are never printed), else cleaned as compose reads it.
 */
function printedTarget(written: string, target: string): string {
  return written.includes('$') ? written : target;
}

/** Interpolated text, falling back to the raw text when it cannot be interpolated. */
function text(scalar: YamlScalar): string {
  return scalar.interpolated ?? scalar.value;
}

/** compose-go's boolean casting of interpolated values. */
export function toBoolean(typed: unknown, value: string): boolean | undefined {
  if (typeof typed === 'boolean') return typed;
  const lower = value.toLowerCase();
  if (['y', 'yes', 'true', 'on'].includes(lower)) return true;
  if (['n', 'no', 'false', 'off'].includes(lower)) return false;
  return undefined;
}

/** A tree as plain data, with interpolated strings (for options that are kept as written). */
export function plainValue(node: TreeNode): unknown {
  if (node.kind === 'scalar') {
    if (node.isNull) return null;
    if (typeof node.typed === 'string') return text(node.scalar);
    return node.typed;
  }
  if (node.kind === 'seq') return node.items.map(plainValue);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of node.entries) if (entry.value.mergeTag !== 'reset') out[key] = plainValue(entry.value);
  return out;
}

const RAM_SIZE = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
const UNIT_POWER: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/** `tmpfs.size`: bytes as an integer, or a size with a unit (`1kb`, `64m`), as Docker's RAMInBytes reads it. */
function tmpfsSize(node: TreeNode | undefined, path: string, problems: VolumeProblem[]): number | undefined {
  const value = scalarValue(node);
  if (!value) return undefined;
  const range = value.scalar.range;
  if (typeof value.typed === 'number') {
    if (!Number.isInteger(value.typed)) problems.push({ message: `${path} must be a integer`, range });
    else if (value.typed < 0) problems.push({ message: `${path} must be greater than or equal to 0`, range });
    else return value.typed;
    return undefined;
  }
  const written = text(value.scalar);
  const match = RAM_SIZE.exec(written);
  if (!match) {
    problems.push({ message: `${path}: invalid size '${writtenText(value.scalar)}'`, range });
    return undefined;
  }
  const power = match[2] ? UNIT_POWER[match[2].toLowerCase()] : 0;
  return Math.trunc(parseFloat(match[1]) * 1024 ** power);
}
