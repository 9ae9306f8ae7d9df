import type { ComposeModel, ServiceVolume, YamlScalar } from '../src/compose/model';
import { writtenEnd } from '../src/yaml/tree';
import { parseTemplate, type TemplateExpression } from '../src/interpolation/template';
import type { SourceFile } from '../src/source';
import { defineRule, type RuleContext, type TextEdit } from '../src/rule-api';

const FALLBACK_OPERATORS = new Set(['-', ':-']);

// {{where}} is "/data of service 'app'" or "volume 'data' driver_opts.device"; {{when}} "unset" or "unset or empty".
const messages = {
  fallsBack: "{{where}} falls back to '{{fallback}}' when {{variable}} is {{when}}",
  emptyFallback: '{{where}} is empty when {{variable}} is {{when}}',
  noDefault: '{{where}} has no default for {{variable}}: unset, it mounts another host path',
  composeRefuses: '{{where}} is empty when {{variable}} is {{when}}: compose stops with "{{error}}", naming no variable',
};

/**
 * A source that is one expression and nothing else, empty when its variable is unset (`${VAR}`,
 * `$VAR`, `${VAR:-}`, `${VAR-}`, `${VAR:+x}`), where compose refuses an empty source: a short spec
 * becomes `:/target` (compose-go ParseVolume: "empty section between colons"), a long-syntax bind
 * has no Source. Nothing is mounted, so no data is lost; only the error does not say which variable
 * is missing. `${VAR}/sub` is `/sub` at the host root, a long-syntax `type: volume` source becomes
 * an anonymous volume and a `device:` an empty option: those stay findings.
 */
function refusedWhenUnset(scalar: YamlScalar, expressions: TemplateExpression[]): TemplateExpression | undefined {
  if (expressions.length !== 1) return undefined;
  const [expression] = expressions;
  if (expression.start !== 0 || expression.end !== scalar.value.length) return undefined;
  const { operator } = expression;
  if (operator === undefined || operator === '+' || operator === ':+') return expression;
  if ((operator === '-' || operator === ':-') && expression.argument?.text === '') return expression;
  return undefined;
}

function requiredForm(name: string): string {
  return `\${${name}:?${name} must point at the data directory}`;
}

function fallbackMessage(expression: TemplateExpression, where: string) {
  const fallback = expression.argument?.text ?? '';
  const data = { where, variable: expression.name, fallback, when: expression.operator === ':-' ? 'unset or empty' : 'unset' };
  return { messageId: fallback === '' ? ('emptyFallback' as const) : ('fallsBack' as const), data };
}

/**
 * The file span of one expression, from the first character it is written with to the last: through
 * quotes, escapes and line folding. `exact` when the file holds the expression's text byte for byte
 * there, the only case a fix can rewrite (`\u00e9`, `\/`, `''` or a folded line break change the text).
 */
function writtenSpan(scalar: YamlScalar, file: SourceFile, expression: TemplateExpression): { start: number; end: number; exact: boolean } {
  const start = scalar.sourceOffsets[expression.start];
  const end = writtenEnd(file, scalar, expression.end - 1);
  return { start, end, exact: file.text.slice(start, end) === scalar.value.slice(expression.start, expression.end) };
}

/** What compose says when it refuses an empty source of this volume; undefined when it accepts one. */
function refusalOf(volume: ServiceVolume): string | undefined {
  if (volume.syntax === 'short') return 'empty section between colons';
  if (volume.type === 'bind') return 'field Source must not be empty';
  return undefined;
}

function checkSource(context: RuleContext<unknown, keyof typeof messages>, scalar: YamlScalar, fallbackFile: SourceFile, where: string, entryLine: number, refusal?: string): void {
  const file = scalar.file ?? fallbackFile;
  let expressions: TemplateExpression[];
  try {
    expressions = parseTemplate(scalar.value).expressions;
  } catch {
    return; // invalid-interpolation reports it
  }
  const refused = refusal !== undefined ? refusedWhenUnset(scalar, expressions) : undefined;
  if (refused) {
    const span = writtenSpan(scalar, file, refused);
    const fix: TextEdit[] = [{ start: span.start, end: span.end, text: requiredForm(refused.name), replaces: file.text.slice(span.start, span.end) }];
    context.report({
      file: file.path,
      range: file.range(span.start, span.end),
      severity: 'info',
      entryLine,
      messageId: 'composeRefuses',
      data: { where, variable: refused.name, when: refused.operator === '+' ? 'unset' : 'unset or empty', error: refusal ?? '' },
      help: `Write ${requiredForm(refused.name)} so that compose names the missing variable when it refuses to start.`,
      ...(span.exact ? { fix } : {}),
    });
    return;
  }
  for (const expression of expressions) {
    const isFallback = expression.operator !== undefined && FALLBACK_OPERATORS.has(expression.operator);
    const isRequired = expression.operator === ':?' || expression.operator === '?';
    if (isRequired) continue;
    const span = writtenSpan(scalar, file, expression);
    const fix: TextEdit[] = [{ start: span.start, end: span.end, text: requiredForm(expression.name), replaces: file.text.slice(span.start, span.end) }];
    const said = isFallback ? fallbackMessage(expression, where) : { messageId: 'noDefault' as const, data: { where, variable: expression.name } };
    context.report({
      file: file.path,
      range: file.range(span.start, span.end),
      severity: isFallback ? undefined : 'warning',
      entryLine,
      ...said,
      help: `Write ${requiredForm(expression.name)} so that compose refuses to start instead of mounting an empty data directory.`,
      ...(span.exact ? { fix } : {}),
    });
  }
}

function checkCompose(context: RuleContext<unknown, keyof typeof messages>, compose: ComposeModel): void {
  for (const service of compose.services) {
    for (const volume of service.volumes) {
      if (!volume.source || volume.type === 'tmpfs') continue;
      const where = `${volume.printedTarget} of service '${service.name}'`;
      checkSource(context, volume.source, service.file, where, volume.range.start.line, refusalOf(volume));
    }
  }
  for (const volume of compose.volumes) {
    const device = volume.driverOpts.device;
    const isLocalBind = (volume.driver?.value ?? 'local') === 'local' && /\bbind\b/.test(volume.driverOpts.o?.value ?? '');
    if (!device || !isLocalBind) continue;
    checkSource(context, device, volume.file, `volume '${volume.name}' driver_opts.device`, device.range.start.line);
  }
}

export const volumeSourceFallback = defineRule({
  meta: {
    id: 'volume-source-fallback',
    defaultSeverity: 'error',
    description: 'A compose volume source that silently falls back to another host path when a variable is unset.',
    kinds: ['compose'],
    fixable: true,
    // `${X:?message}` makes `docker compose up` refuse to start where it used to mount a directory.
    fixSafety: 'unsafe',
    messages,
    help: 'Write the variable as ${NAME:?message} so that compose refuses to start when it is unset.',
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
  },
});
