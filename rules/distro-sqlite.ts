import type { ComposeModel, ComposeService } from '../src/compose/model';
import type { ImageKnowledge } from '../src/knowledge/lookup';
import type { Consumer, ConsumerVerdict } from '../src/sqlite/consumers';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import type { ImageAnalysis } from '../src/sqlite/image-analysis';
import { describeBase, fixInForce, relatedEvidence } from '../src/sqlite/messages';
import { isCompliant } from '../src/sqlite/version-check';
import type { DockerfileModel } from '../src/dockerfile/model';
import { defineRule, type RuleContext, type RelatedLocation } from '../src/rule-api';

const messages = {
  unidentifiedImage: 'SQLite of this image not identified: {{reason}}',
  distroBase: '{{image}} is {{base}} with SQLite {{version}}, older than the WAL-reset fix ({{fix}}); {{runtime}} loads it',
  copiedSqliteOld: 'the SQLite copied in at line {{line}} is {{version}}, older than the WAL-reset fix ({{fix}}); {{runtime}} loads it',
  serviceImage: 'service {{service}} runs {{image}}: {{base}} with SQLite {{version}}, older than the WAL-reset fix ({{fix}}); {{runtime}} loads it',
};

type Context = RuleContext<unknown, keyof typeof messages>;

function remedy(minimum: string): string {
  return `Build SQLite >= ${minimum} in a builder stage, COPY it to /opt/sqlite, register it (ENV LD_LIBRARY_PATH=/opt/sqlite/lib, or ld.so.conf.d plus ldconfig) and add a build-time version assert; or move to a base whose SQLite is fixed.`;
}

const UNKNOWN_IMAGE_HELP = (reference: string): string => `Check it with litelint --explain-image ${reference}, or teach litelint the image in .litelint.yaml under images:.`;

function distroConsumers(consumers: readonly Consumer[]): Consumer[] {
  return consumers.filter((consumer) => consumer.sqlite === 'distro');
}

/** Evidence of SQLite use that a bundling driver does not explain (an unknown image may load its libsqlite3). */
function firstNonBundledEvidence(verdict: ConsumerVerdict): SqliteEvidence | undefined {
  const distro = verdict.consumers.find((consumer) => consumer.sqlite === 'distro');
  if (distro) return distro.evidence[0];
  if (verdict.consumers.length > 0) return undefined;
  return verdict.unidentified[0];
}

/** An info finding on an image whose SQLite litelint does not know; the evidence of SQLite use is its related location. */
function unknownImageReport(image: ImageKnowledge, evidence: SqliteEvidence) {
  return {
    // The finding sits on the image reference, and the reason names it: a digest-pinned reference is long.
    messageId: 'unidentifiedImage' as const,
    data: { reason: image.unknownReason ?? '' },
    help: UNKNOWN_IMAGE_HELP(image.reference),
    related: [relatedEvidence(evidence)],
  };
}

function checkDockerfile(context: Context, model: DockerfileModel): void {
  // Each image the project builds from it: the last stage and every other build target.
  for (const analysis of context.facts.imageAnalyses(model)) checkImage(context, model, analysis);
}

function checkImage(context: Context, model: DockerfileModel, analysis: ImageAnalysis): void {
  if (!analysis.usesSqlite || !analysis.root) return;
  const image = analysis.image;
  const token = analysis.finalStage.baseImage;
  const entryLine = analysis.finalStage.from.range.start.line;
  if (!image?.known) {
    const evidence = firstNonBundledEvidence(analysis.consumers);
    if (context.settings.strict && image && evidence) {
      context.report({ file: model.file.path, range: token.range, severity: 'info', entryLine, ...unknownImageReport(image, evidence) });
    }
    return;
  }
  const [consumer] = distroConsumers(analysis.consumers.consumers);
  if (!consumer) return;
  if (image.hasSystemSqlite === false || !image.systemSqlite) return;
  const replaced = analysis.custom?.registeredBy ? analysis.custom : undefined;
  const version = replaced ? analysis.custom?.version : image.systemSqlite;
  if (version === undefined || (replaced ? context.knowledge.isFixed(version) : context.knowledge.isSystemSqliteFixed(image, version)) !== false) return;
  if (hasCompliantCheck(analysis)) return;

  const fix = context.knowledge.fixVersions;
  const related: RelatedLocation[] = [];
  if (analysis.root.stage !== analysis.finalStage) {
    related.push({ file: model.file.path, line: analysis.root.stage.baseImage.range.start.line, column: analysis.root.stage.baseImage.range.start.column, message: `the final stage builds on ${analysis.root.reference}` });
  }
  related.push(relatedEvidence(consumer.evidence[0]));
  const facts = { version, fix: fixInForce(version, fix), runtime: context.knowledge.runtimeName(consumer.runtime) };
  const said = replaced
    ? { messageId: 'copiedSqliteOld' as const, data: { ...facts, line: replaced.instruction.range.start.line } }
    : { messageId: 'distroBase' as const, data: { ...facts, image: analysis.root.reference, base: describeBase(image) } };
  let help = remedy(fix.minimum);
  const custom = analysis.custom;
  if (custom && !custom.registeredBy) {
    help = `The SQLite copied in at line ${custom.instruction.range.start.line} is never registered: add ENV LD_LIBRARY_PATH=${custom.libDir} (or an ld.so.conf.d entry and ldconfig) and a build-time version assert.`;
    related.push({ file: model.file.path, line: custom.instruction.range.start.line, column: custom.instruction.range.start.column, message: 'custom SQLite copied in but never registered' });
  }
  context.report({
    file: model.file.path,
    range: token.range,
    entryLine,
    related,
    ...said,
    help,
  });
}

/** A version assert with a fixed floor in the final image's chain makes the build fail on an old library. */
function hasCompliantCheck(analysis: ImageAnalysis): boolean {
  const chain = new Set(analysis.chain.map((stage) => stage.index));
  const registeredAt = analysis.custom?.registeredBy?.range.start.offset ?? -1;
  return analysis.checks.some((check) => chain.has(check.stageIndex) && isCompliant(check) && check.runtime !== 'cli' && check.instruction.range.start.offset > registeredAt);
}

function checkService(context: Context, compose: ComposeModel, service: ComposeService): void {
  const analysis = context.facts.imageServiceAnalysis(compose, service);
  if (!analysis) return;
  const { image, consumers: verdict, written } = analysis;
  const file = service.file.path;
  if (!image.known) {
    const item = firstNonBundledEvidence(verdict);
    if (context.settings.strict && item) context.report({ file, range: written.range, severity: 'info', ...unknownImageReport(image, item) });
    return;
  }
  const [consumer] = distroConsumers(verdict.consumers);
  if (!consumer) return;
  const version = image.systemSqlite;
  if (!version || context.knowledge.isSystemSqliteFixed(image, version) !== false) return;
  const fix = context.knowledge.fixVersions;
  context.report({
    file,
    range: written.range,
    related: [relatedEvidence(consumer.evidence[0])],
    messageId: 'serviceImage',
    data: { service: service.name, image: written.value, base: describeBase(image), version, fix: fixInForce(version, fix), runtime: context.knowledge.runtimeName(consumer.runtime) },
    help: `Build your own image FROM it with SQLite >= ${fix.minimum} copied in and registered (LD_LIBRARY_PATH or ld.so.conf.d plus ldconfig) and a build-time version assert, or run an image whose SQLite is fixed.`,
  });
}

export const distroSqlite = defineRule({
  meta: {
    id: 'distro-sqlite',
    defaultSeverity: 'warning',
    description: 'The image loads a distribution libsqlite3 older than the WAL-reset fix.',
    kinds: ['dockerfile', 'compose'],
    help: 'Build a fixed SQLite in a builder stage, copy it in and register it (LD_LIBRARY_PATH or ld.so.conf.d plus ldconfig) with a build-time version assert, or move to a base whose SQLite is fixed.',
    messages,
  },
  check(context) {
    for (const model of context.project.dockerfiles) checkDockerfile(context, model);
    for (const compose of context.project.composeFiles) {
      for (const service of compose.services) checkService(context, compose, service);
    }
  },
});
