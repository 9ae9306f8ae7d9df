import type { ComposeModel, ComposeService } from '../src/compose/model';
import type { DockerfileModel } from '../src/dockerfile/model';
import type { BuiltinRuntime } from '../src/knowledge/builtins';
import type { ImageKnowledge } from '../src/knowledge/lookup';
import type { ConsumerVerdict } from '../src/sqlite/consumers';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import type { ImageAnalysis } from '../src/sqlite/image-analysis';
import { relatedEvidence } from '../src/sqlite/messages';
import { defineRule, type RuleContext, type Range } from '../src/rule-api';

const BUILTINS: readonly string[] = ['node', 'bun', 'deno'];

const messages = {
  driverBundlesOld: '{{driver}} {{version}} bundles SQLite {{bundled}}, older than the WAL-reset fix ({{minimum}})',
  driverPredatesFix: '{{driver}} {{version}} predates the WAL-reset fix ({{minimum}})',
  runtimeBundlesOld: '{{image}}: {{api}} of {{runtime}} {{version}} bundles SQLite {{bundled}}, older than the WAL-reset fix ({{minimum}})',
  runtimePredatesFix: '{{image}}: {{api}} of {{runtime}} {{version}} predates the WAL-reset fix ({{minimum}})',
  // No driver was found, so the built-in is only the likely consumer.
  runtimeBundlesOldIfUsed:
    '{{image}}: {{api}} of {{runtime}} {{version}} bundles SQLite {{bundled}}, older than the WAL-reset fix ({{minimum}}), if the app uses it (no other driver found)',
  runtimePredatesFixIfUsed: '{{image}}: {{api}} of {{runtime}} {{version}} predates the WAL-reset fix ({{minimum}}), if the app uses it (no other driver found)',
};

type Context = RuleContext<unknown, keyof typeof messages>;

/** Reports each pinned driver release whose bundled SQLite has the bug, once per lockfile line. */
function checkPinnedDrivers(context: Context, consumers: ConsumerVerdict, evidence: readonly SqliteEvidence[], reported: Set<string>): void {
  const onSystemLibrary = new Set(consumers.consumers.filter((consumer) => consumer.sqlite === 'distro').flatMap((consumer) => consumer.evidence));
  for (const item of evidence) {
    if (!item.driver || !item.version || onSystemLibrary.has(item)) continue;
    const verdict = context.knowledge.driverVerdict(item.driver, item.version);
    if (!verdict || verdict.fixed) continue;
    const key = `${item.file}:${item.range.start.offset}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const minimum = context.knowledge.fixMinimum;
    context.report({
      file: item.file,
      range: item.range,
      messageId: verdict.bundledSqlite ? 'driverBundlesOld' : 'driverPredatesFix',
      data: { driver: verdict.driver.package, version: item.version, bundled: verdict.bundledSqlite ?? '', minimum },
      help: verdict.driver.upgrade
        ? `${verdict.driver.upgrade} (SQLite >= ${minimum}).`
        : verdict.driver.firstFixed
        ? `Upgrade to ${verdict.driver.package} ${verdict.driver.firstFixed} or later (first release with SQLite >= ${minimum}) and update the lockfile; the driver brings its own SQLite, so the distro library does not matter.`
        : `No ${verdict.driver.package} release with SQLite >= ${minimum} is known (as of ${verdict.driver.asOf}); use a driver that has one, or one that loads a fixed system SQLite.`,
    });
  }
}

/** Node, Bun or Deno images whose built-in SQLite predates the fix, when the app seems to use it. */
function checkBuiltin(context: Context, image: ImageKnowledge | undefined, consumers: ConsumerVerdict, at: { file: string; range: Range; entryLine?: number }, evidence: readonly SqliteEvidence[]): void {
  if (!image?.runtime || !BUILTINS.includes(image.runtime) || !image.runtimeVersion) return;
  const runtime = image.runtime as BuiltinRuntime;
  const usesBuiltin = consumers.consumers.some((consumer) => BUILTINS.includes(consumer.runtime));
  const onlyUnidentified = consumers.consumers.length === 0 && consumers.unidentified.length > 0;
  if (!usesBuiltin && !onlyUnidentified) return;
  const verdict = context.knowledge.builtinVerdict(runtime, image.runtimeVersion);
  if (!verdict || verdict.fixed) return;
  const item = consumers.consumers.find((consumer) => BUILTINS.includes(consumer.runtime))?.evidence[0] ?? consumers.unidentified[0] ?? evidence[0];
  const api = runtime === 'bun' ? 'bun:sqlite' : 'node:sqlite';
  const known = verdict.bundledSqlite !== undefined;
  const messageId = usesBuiltin ? (known ? 'runtimeBundlesOld' : 'runtimePredatesFix') : known ? 'runtimeBundlesOldIfUsed' : 'runtimePredatesFixIfUsed';
  context.report({
    file: at.file,
    range: at.range,
    entryLine: at.entryLine,
    related: item ? [relatedEvidence(item)] : undefined,
    messageId,
    data: { image: image.reference, api, runtime, version: verdict.version, bundled: verdict.bundledSqlite ?? '', minimum: context.knowledge.fixMinimum },
    help: `Use ${runtime} ${verdict.firstFixed ?? 'a newer release'} or later.`,
  });
}

function checkDockerfile(context: Context, model: DockerfileModel, reported: Set<string>): void {
  // Each image the project builds from it: the last stage and every other build target.
  for (const analysis of context.facts.imageAnalyses(model)) checkImage(context, model, analysis, reported);
}

function checkImage(context: Context, model: DockerfileModel, analysis: ImageAnalysis, reported: Set<string>): void {
  checkPinnedDrivers(context, analysis.consumers, analysis.evidence, reported);
  if (!analysis.usesSqlite) return;
  const token = analysis.finalStage.baseImage;
  checkBuiltin(context, analysis.image, analysis.consumers, { file: model.file.path, range: token.range, entryLine: analysis.finalStage.from.range.start.line }, analysis.evidence);
}

function checkService(context: Context, compose: ComposeModel, service: ComposeService): void {
  const analysis = context.facts.imageServiceAnalysis(compose, service);
  if (!analysis) return;
  checkBuiltin(context, analysis.image, analysis.consumers, { file: service.file.path, range: analysis.written.range }, analysis.evidence);
}

export const bundledSqlite = defineRule({
  meta: {
    id: 'bundled-sqlite',
    defaultSeverity: 'warning',
    description: 'A driver or runtime that bundles its own SQLite is pinned to a release older than the WAL-reset fix.',
    kinds: ['dockerfile', 'compose'],
    help: 'Upgrade the driver or runtime to its first release that bundles a fixed SQLite and update the lockfile.',
    messages,
  },
  check(context) {
    const reported = new Set<string>();
    for (const model of context.project.dockerfiles) checkDockerfile(context, model, reported);
    for (const compose of context.project.composeFiles) {
      for (const service of compose.services) checkService(context, compose, service);
    }
  },
});
