/**
 * The Rule API: what a rule in rules/ imports to be a rule. A rule is `defineRule({meta, check})`;
 * `check` reads the finished project (the settings and the run's SQLite knowledge) and reports
 * findings through its context.
 * The engine runs rules it is handed in a registry (./registry.ts); it never imports rules/.
 */
import type { Settings } from './config';
import type { Facts } from './facts/facts';
import type { Knowledge } from './knowledge/knowledge';
import type { Project } from './project/model';
import type { FileKind, Range, RelatedLocation, Severity, TextEdit } from './types';

// What a report is made of, so that a rule imports the API from this one module (and models from theirs).
export type { FileKind, Range, RelatedLocation, Severity, TextEdit } from './types';

export const DOCS_BASE = 'https://github.com/litelint/litelint/blob/main/docs/rules/';

/** Where the documentation of a rule (or a core finding) lives: docs/rules/<id>.md. */
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

export type FixSafety = 'safe' | 'unsafe';

/** A rule's fix applicability; a rule that says nothing has safe fixes. */
export function fixSafetyOf(meta: Pick<RuleMeta, 'fixSafety'> | undefined): FixSafety {
  return meta?.fixSafety ?? 'safe';
}

export type RuleOptionType = 'string' | 'string[]' | 'boolean' | 'number';

/** The TypeScript type of an option's value, from its declared type. */
export type OptionValue<Type extends RuleOptionType> = Type extends 'string'
  ? string
  : Type extends 'string[]'
    ? string[]
    : Type extends 'boolean'
      ? boolean
      : number;

/** One option `.litelint.yaml` may set under `rules.<id>.options`: its type and its default, declared once. */
export interface OptionSpec<Type extends RuleOptionType = RuleOptionType> {
  type: Type;
  default: OptionValue<Type>;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The options object a rule's `check` receives for its declared options. */
export type OptionsOf<Specs extends OptionSpecs> = { [Name in keyof Specs]: OptionValue<Specs[Name]['type']> };

export interface RuleMeta {
  /** Stable id, kebab-case. */
  id: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule catches. */
  description: string;
  /** One or two sentences: how to repair what the rule catches in general (SARIF's rule help). */
  help?: string;
  /**
   * Every message the rule reports, keyed by a stable id (what tests and integrations match on),
   * each one line with `{{name}}` placeholders filled from the report's `data`.
   */
  messages?: Readonly<Record<string, string>>;
  /** The file kinds whose models the rule reads; used to skip rules that cannot fire. */
  kinds: FileKind[];
  fixable?: boolean;
  /**
   * Whether `--fix` may apply the rule's fixes (`safe`, the default) or they change what the
   * deployment does and wait for `--unsafe-fixes` (Ruff's model of fix applicability).
   */
  fixSafety?: FixSafety;
  /** The options `.litelint.yaml` may set under `rules.<id>.options`, with their types and defaults. */
  options?: OptionSpecs;
  /**
   * A finding litelint itself reports while reading or writing files (src/core-rules.ts), not a
   * check of a model. `configurable: false` means it cannot be switched off or given a level.
   */
  core?: { configurable: boolean };
}

export interface Report {
  /**
   * The file the rule had at hand. The finding is filed on the file whose text `range` was made
   * from when that is known (every range a parser makes knows it), so an override, `extends` or
   * included file gets its own findings whatever file the rule named here.
   */
  file: string;
  range: Range;
  /** A key of the rule's `meta.messages`: one line, at most 160 characters, what is wrong and the deciding fact. */
  messageId: string;
  /** The values of the message's `{{name}}` placeholders (image, version, variable, service). */
  data?: Readonly<Record<string, string | number>>;
  /** The remedy, one or two sentences, built from written text as the message is (no value from `.env`). */
  help?: string;
  /** Overrides the rule's configured severity for this one finding (e.g. a warning variant). */
  severity?: Severity;
  related?: RelatedLocation[];
  fix?: TextEdit[];
  /**
   * First line of the entry the finding belongs to (a multi-line instruction, a YAML list item),
   * so that a suppression comment above the entry covers a finding on one of its later lines.
   */
  entryLine?: number;
}

/** What a rule's `check` hands to `report`: a message id of its own (the rule's ids are typed by its meta). */
export type RuleReport<MessageIds extends string = string> = Report & { messageId: MessageIds };

export interface RuleContext<Options = Record<string, unknown>, MessageIds extends string = string> {
  project: Project;
  /** The rule's declared options: the configured value where one of the declared type is set, else the default. */
  options: Options;
  settings: Settings;
  /** What litelint knows about SQLite in this run, with the settings' overrides applied. */
  knowledge: Knowledge;
  /** The run's shared analysis (evidence, image analysis, mount facts), computed once per run. */
  facts: Facts;
  report(report: RuleReport<MessageIds>): void;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}

/** A rule, its `check` typed by the options and the message ids its meta declares. */
export function defineRule<const Specs extends OptionSpecs = Record<never, OptionSpec>, const Messages extends Record<string, string> = Record<string, string>>(rule: {
  meta: RuleMeta & { options?: Specs; messages: Messages };
  check(context: RuleContext<OptionsOf<Specs>, keyof Messages & string>): void;
}): Rule<OptionsOf<Specs>> {
  return rule as Rule<OptionsOf<Specs>>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The text of a report: its message template with each `{{name}}` filled from `data`. A message id
 * the rule does not declare, or a placeholder without data, is a bug in the rule, so it throws
 * (the engine turns that into an internal-error finding rather than print a half-filled message).
 */
export function messageText(meta: RuleMeta, report: Pick<Report, 'messageId' | 'data'>): string {
  const template = meta.messages && Object.hasOwn(meta.messages, report.messageId) ? meta.messages[report.messageId] : undefined;
  if (template === undefined) throw new Error(`rule ${meta.id} reported an unknown messageId '${report.messageId}'`);
  return template.replace(PLACEHOLDER, (_placeholder, name: string) => {
    const value = report.data && Object.hasOwn(report.data, name) ? report.data[name] : undefined;
    if (value === undefined) throw new Error(`rule ${meta.id} message '${report.messageId}' lacks data for {{${name}}}`);
    return String(value);
  });
}

function ofType(value: unknown, type: RuleOptionType): unknown {
  if (type !== 'string[]') return typeof value === type ? value : undefined;
  // An embedder's settings are not validated as .litelint.yaml is: the strings of a list are kept.
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** The options a rule's `check` receives: each declared option as configured (of its type) or its default. */
export function resolveOptions(meta: RuleMeta, configured: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) {
    options[name] = (Object.hasOwn(configured, name) ? ofType(configured[name], spec.type) : undefined) ?? spec.default;
  }
  return options;
}
