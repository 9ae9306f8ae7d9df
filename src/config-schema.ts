import type { RuleRegistry } from './registry';
import type { Level } from './types';
import type { RuleOptionType } from './rule-api';

/** Rule id -> the options it takes (none for rules without options). */
export type KnownRules = ReadonlyMap<string, Readonly<Record<string, RuleOptionType>>>;

/** The ids `.litelint.yaml` and `--rule` may name, with the type of each option they take. */
export function knownRulesOf(registry: RuleRegistry): KnownRules {
  return new Map(
    registry.configurable.map((meta) => [meta.id, Object.fromEntries(Object.entries(meta.options ?? {}).map(([name, spec]) => [name, spec.type]))]),
  );
}

/**
 * What `.litelint.yaml` may hold, declared once: src/config-file.ts validates with these
 * definitions and `configSchema` turns them into the JSON Schema shipped as
 * schema/litelint.schema.json (for editors: `# yaml-language-server: $schema=...`). A test
 * regenerates the schema and compares it with the shipped file.
 *
 * The schema says what the loader checks by shape; a distribution name and a semver range are
 * checked against the knowledge base and semver by the loader only.
 */

export const LEVELS: readonly Level[] = ['off', 'info', 'warning', 'error'];

export const TOP_LEVEL_KEYS = ['rules', 'ignore', 'images', 'sqlite-fixed-range', 'strict'] as const;

export const IMAGE_FIELDS = ['distro', 'sqlite'] as const;

/** A SQLite version as `images.<ref>.sqlite` takes it: 3.51 or 3.51.3. */
export const SQLITE_VERSION = /^\d+\.\d+(?:\.\d+)?$/;

export const RULE_ENTRY_KEYS = ['level', 'options'] as const;

export const SCHEMA_ID = 'https://raw.githubusercontent.com/litelint/litelint/main/schema/litelint.schema.json';

const DESCRIPTIONS: Record<(typeof TOP_LEVEL_KEYS)[number], string> = {
  rules: 'Rule id -> level (off, info, warning, error), or { level, options }.',
  ignore: 'gitignore-style patterns of paths not to lint, relative to the directory of this file.',
  images: 'Private base images: reference (or prefix ending in *) -> { distro: RELEASE } or { sqlite: VERSION }.',
  'sqlite-fixed-range': 'semver range of SQLite versions that carry the WAL-reset fix; overrides the knowledge base.',
  strict: 'Also report images litelint knows nothing about (info), as --strict does.',
};

type JsonSchema = Record<string, unknown>;

function optionSchema(type: RuleOptionType): JsonSchema {
  return type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type };
}

function ruleSchema(options: Readonly<Record<string, RuleOptionType>>): JsonSchema {
  const level = { $ref: '#/$defs/level' };
  const entry: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      level,
      options: { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(options).map(([name, type]) => [name, optionSchema(type)])) },
    },
  };
  return { anyOf: [level, entry] };
}

/** The JSON Schema (draft 2020-12) of `.litelint.yaml` for the rules `known` (the configurable ones). */
export function configSchema(known: KnownRules): JsonSchema {
  const properties: Record<(typeof TOP_LEVEL_KEYS)[number], JsonSchema> = {
    rules: { type: 'object', additionalProperties: false, properties: Object.fromEntries([...known].map(([id, options]) => [id, ruleSchema(options)])) },
    ignore: { type: 'array', items: { type: 'string' } },
    images: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { distro: { type: 'string' }, sqlite: { type: 'string', pattern: SQLITE_VERSION.source } },
      },
    },
    'sqlite-fixed-range': { type: 'string' },
    strict: { type: 'boolean' },
  };
  for (const key of TOP_LEVEL_KEYS) properties[key].description = DESCRIPTIONS[key];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'litelint configuration (.litelint.yaml)',
    type: ['object', 'null'],
    additionalProperties: false,
    properties,
    $defs: { level: { enum: [...LEVELS] } },
  };
}
