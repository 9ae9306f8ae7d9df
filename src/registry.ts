import { CORE_RULES } from './core-rules';
import type { Rule, RuleMeta } from './rule-api';

/**
 * Every rule litelint can report, handed to the engine, the CLI and the formatters (none of them
 * imports rules/): the composition roots (src/main.ts for the CLI, src/index.ts for the package)
 * build it from rules/index.ts.
 */
export interface RuleRegistry {
  /** Each id once: the rules in the order given, then the core findings (src/core-rules.ts). */
  readonly entries: readonly RuleMeta[];
  /** The entries that check models, in the order given. */
  readonly rules: readonly Rule[];
  /** The entries `.litelint.yaml` and `--rule` may name. */
  readonly configurable: readonly RuleMeta[];
  meta(id: string): RuleMeta | undefined;
}

export function createRegistry(rules: readonly Rule[]): RuleRegistry {
  const byId = new Map<string, RuleMeta>();
  for (const meta of [...rules.map((rule) => rule.meta), ...CORE_RULES]) {
    if (byId.has(meta.id)) throw new Error(`rule ${meta.id} is registered twice`);
    byId.set(meta.id, meta);
  }
  const entries = [...byId.values()];
  return {
    entries,
    rules,
    configurable: entries.filter((meta) => meta.core?.configurable !== false),
    meta: (id) => byId.get(id),
  };
}
