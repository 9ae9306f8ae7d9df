import { closeSync, constants, existsSync, fstatSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultSettings, type Settings } from './config';
import { IMAGE_FIELDS, type KnownRules, LEVELS, RULE_ENTRY_KEYS, SQLITE_VERSION, TOP_LEVEL_KEYS } from './config-schema';
import { UsageError } from './errors';
import type * as KnowledgeModule from './knowledge/knowledge';
import type validRange from 'semver/ranges/valid';
import type * as Yaml from 'yaml';
import { isInsideDir } from './paths';
import { realPathOf } from './project-root';
import { descriptorReader, readAtMost } from './read-file';
import type { RuleOptionType } from './rule-api';
import type { Level } from './types';

export type { KnownRules } from './config-schema';

/* eslint-disable @typescript-eslint/no-require-imports -- a run without a config must not pay for YAML, semver or the knowledge base */
const onFirstUse = {
  yaml: (): typeof Yaml => require('yaml'),
  knowledge: (): typeof KnowledgeModule => require('./knowledge/knowledge'),
  semverValidRange: (): typeof validRange => require('semver/ranges/valid'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The knowledge base's first fixed release, as the example an error message gives. */
function fixMinimumExample(): string {
  return onFirstUse.knowledge().createKnowledge().fixMinimum;
}

export const CONFIG_FILE_NAMES = ['.litelint.yaml', '.litelint.yml'];

/**
 * The nearest `.litelint.yaml` in `start` or a directory above it, up to `root` (the project root,
 * src/project-root.ts): a config in a shared parent folder (the home directory, /tmp) above the
 * repository must not change what is reported. Without `root` only `start` is looked in.
 */
export function findConfigFile(start: string, root?: string): string | undefined {
  const real = realPathOf(start) ?? resolve(start);
  const top = root ?? real;
  for (let dir = real; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dir === top || dirname(dir) === dir || !isInsideDir(dir, top)) return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseLevel(value: unknown, key: string): Level {
  if (typeof value === 'string' && (LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new UsageError(`${key}: expected one of ${LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
}

function hasType(value: unknown, type: RuleOptionType): boolean {
  if (type === 'string[]') return Array.isArray(value) && value.every((item) => typeof item === 'string');
  return typeof value === type;
}

function checkRuleOptions(options: unknown, schema: Readonly<Record<string, RuleOptionType>>, key: string): void {
  if (!isPlainObject(options)) throw new UsageError(`${key}: expected a mapping`);
  const known = Object.keys(schema);
  for (const [name, value] of Object.entries(options)) {
    const type = schema[name];
    if (!Object.hasOwn(schema, name)) {
      throw new UsageError(`${key}.${name}: unknown option (${known.length ? `known: ${known.join(', ')}` : 'this rule takes no options'})`);
    }
    if (!hasType(value, type)) throw new UsageError(`${key}.${name}: expected ${type === 'string[]' ? 'a list of strings' : `a ${type}`}`);
  }
}

/** Validates a parsed config object; every error names the key it is about. */
export function settingsFromObject(raw: unknown, knownRules: KnownRules, where: string): Settings {
  const settings = defaultSettings();
  if (raw === null || raw === undefined) return settings;
  if (!isPlainObject(raw)) throw new UsageError(`${where}: expected a mapping at the top level`);
  for (const key of Object.keys(raw)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) throw new UsageError(`${where}: unknown key '${key}' (known: ${TOP_LEVEL_KEYS.join(', ')})`);
  }
  const rules = raw.rules ?? {};
  if (!isPlainObject(rules)) throw new UsageError(`${where}: 'rules' must be a mapping of rule id to level`);
  for (const [id, value] of Object.entries(rules)) {
    const key = `${where}: rules.${id}`;
    if (!knownRules.has(id)) throw new UsageError(`${key}: unknown rule '${id}'`);
    if (isPlainObject(value)) {
      for (const optionKey of Object.keys(value)) {
        if (!(RULE_ENTRY_KEYS as readonly string[]).includes(optionKey)) throw new UsageError(`${key}: unknown key '${optionKey}' (known: ${RULE_ENTRY_KEYS.join(', ')})`);
      }
      if (value.options !== undefined) checkRuleOptions(value.options, knownRules.get(id) ?? {}, `${key}.options`);
      settings.rules[id] = {
        level: value.level === undefined ? undefined : parseLevel(value.level, `${key}.level`),
        options: value.options as Record<string, unknown> | undefined,
      };
    } else {
      settings.rules[id] = { level: parseLevel(value, key) };
    }
  }
  const ignore = raw.ignore ?? [];
  if (!Array.isArray(ignore) || ignore.some((pattern) => typeof pattern !== 'string')) {
    throw new UsageError(`${where}: 'ignore' must be a list of glob patterns`);
  }
  settings.ignore = ignore as string[];
  const images = raw.images ?? {};
  if (!isPlainObject(images)) throw new UsageError(`${where}: 'images' must be a mapping of image reference to { distro | sqlite }`);
  for (const [image, value] of Object.entries(images)) {
    const key = `${where}: images.${image}`;
    if (!isPlainObject(value)) throw new UsageError(`${key}: expected { distro: NAME } or { sqlite: VERSION }`);
    for (const field of Object.keys(value)) {
      if (!(IMAGE_FIELDS as readonly string[]).includes(field)) throw new UsageError(`${key}: unknown key '${field}' (known: ${IMAGE_FIELDS.join(', ')})`);
      if (typeof value[field] !== 'string') throw new UsageError(`${key}.${field}: expected a string`);
    }
    if (value.distro === undefined && value.sqlite === undefined) throw new UsageError(`${key}: give distro or sqlite`);
    if (typeof value.distro === 'string' && !onFirstUse.knowledge().createKnowledge().isKnownDistro(value.distro)) {
      throw new UsageError(`${key}.distro: unknown distribution '${value.distro}' (see docs/knowledge-base.md)`);
    }
    if (typeof value.sqlite === 'string' && !SQLITE_VERSION.test(value.sqlite)) {
      throw new UsageError(`${key}.sqlite: expected a SQLite version such as ${fixMinimumExample()}, got '${value.sqlite}'`);
    }
    settings.images[image] = { distro: value.distro as string | undefined, sqlite: value.sqlite as string | undefined };
  }
  const range = raw['sqlite-fixed-range'];
  if (range !== undefined) {
    const validRange = onFirstUse.semverValidRange();
    if (typeof range !== 'string' || validRange(range) === null) {
      throw new UsageError(`${where}: 'sqlite-fixed-range' must be a semver range such as ">=${fixMinimumExample()}", got ${JSON.stringify(range)}`);
    }
    settings.sqliteFixedRange = range;
  }
  if (raw.strict !== undefined) {
    if (typeof raw.strict !== 'boolean') throw new UsageError(`${where}: 'strict' must be true or false`);
    settings.strict = raw.strict;
  }
  return settings;
}

/** A configuration is a few hundred bytes; a larger one is not read (a repository may plant any file). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function readConfigText(path: string): string {
  let fd: number | undefined;
  try {
    // Not blocking: a FIFO (or a symlink to a device) would wait for a writer, or never end.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) throw new UsageError(`cannot read config ${path}: not a regular file`);
    // Read to one byte past the limit whatever the size says (a /proc file says 0).
    const bytes = readAtMost(descriptorReader(fd), MAX_CONFIG_BYTES + 1);
    if (bytes.length > MAX_CONFIG_BYTES) throw new UsageError(`cannot read config ${path}: larger than ${MAX_CONFIG_BYTES} bytes`);
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function loadConfigFile(path: string, knownRules: KnownRules): Settings {
  const text = readConfigText(path);
  const { parseDocument } = onFirstUse.yaml();
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
    throw new UsageError(`${path}:${line}:${column}: invalid YAML: ${error.message.split('\n')[0]}`);
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
  return settingsFromObject(raw, knownRules, path);
}

/** `--rule id=level` on the command line. */
export function applyRuleFlag(settings: Settings, flag: string, knownRules: KnownRules): void {
  const match = /^([^=]+)=(.*)$/.exec(flag);
  if (!match) throw new UsageError(`--rule ${flag}: expected id=level`);
  const [, id, level] = match;
  if (!knownRules.has(id)) throw new UsageError(`--rule ${flag}: unknown rule '${id}'`);
  settings.rules[id] = { ...settings.rules[id], level: parseLevel(level, `--rule ${id}`) };
}
