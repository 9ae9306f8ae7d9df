import type { ComposeModel, ComposeService } from '../src/compose/model';
import { isSqliteFixed, sqliteFixMinimum } from '../src/knowledge/fixed';
import type { ImageKnowledge } from '../src/knowledge/lookup';
import type { Consumer, ConsumerVerdict } from '../src/sqlite/consumers';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import { analyseDockerfile, analyseImageService, type ImageAnalysis } from '../src/sqlite/image-analysis';
import { bugSentence, citeEvidence, describeBase, relatedEvidence, runtimeName, where } from '../src/sqlite/messages';
import { isCompliant } from '../src/sqlite/version-check';
import type { DockerfileModel } from '../src/dockerfile/model';
import { defineRule, type RuleContext, type RelatedLocation } from '../src/rule-api';

const REMEDY =
  'Build SQLite >= 3.51.3 in a builder stage, COPY it to /opt/sqlite, make the loader use it (ENV LD_LIBRARY_PATH=/opt/sqlite/lib, or /etc/ld.so.conf.d plus ldconfig) and add a build-time version assert; or move to a base whose SQLite is fixed (Alpine 3.24, Debian forky/sid). A newer interpreter or a rebuilt image does not change the distro library';

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

function unknownImageMessage(image: ImageKnowledge, evidence: SqliteEvidence): string {
  return `bundled SQLite / runtime not identified: litelint does not know which SQLite ${image.reference} carries, because ${image.unknownReason} (evidence that the image uses SQLite: ${citeEvidence(evidence)}). Check it with litelint --explain-image ${image.reference}, or teach litelint the image in .litelint.yaml under images:`;
}

function checkDockerfile(context: RuleContext, model: DockerfileModel): void {
  const analysis = analyseDockerfile(context.project, model, context.settings);
  if (!analysis?.usesSqlite || !analysis.root) return;
  const image = analysis.image;
  const token = analysis.finalStage.baseImage;
  const entryLine = analysis.finalStage.from.range.start.line;
  if (!image?.known) {
    const evidence = firstNonBundledEvidence(analysis.consumers);
    if (context.settings.strict && image && evidence) {
      context.report({ file: model.file.path, range: token.range, severity: 'info', entryLine, message: unknownImageMessage(image, evidence) });
    }
    return;
  }
  const [consumer] = distroConsumers(analysis.consumers.consumers);
  if (!consumer) return;
  if (image.hasSystemSqlite === false || !image.systemSqlite) return;
  const replaced = analysis.custom?.registeredBy ? analysis.custom : undefined;
  const version = replaced ? analysis.custom?.version : image.systemSqlite;
  if (version === undefined || isSqliteFixed(version, context.settings) !== false) return;
  if (hasCompliantCheck(analysis)) return;

  const minimum = sqliteFixMinimum();
  const related: RelatedLocation[] = [];
  if (analysis.root.stage !== analysis.finalStage) {
    related.push({ file: model.file.path, line: analysis.root.stage.baseImage.range.start.line, column: analysis.root.stage.baseImage.range.start.column, message: `the final stage builds on ${analysis.root.reference}` });
  }
  related.push(relatedEvidence(consumer.evidence[0]));
  let what: string;
  if (replaced) {
    what = `the SQLite copied in at line ${replaced.instruction.range.start.line} is ${version}`;
  } else {
    what = `${analysis.root.reference} is ${describeBase(image)}, whose ${image.distro?.package ?? 'libsqlite3'} is SQLite ${version}`;
  }
  let unwired = '';
  const custom = analysis.custom;
  if (custom && !custom.registeredBy) {
    unwired = ` The SQLite copied in at ${where({ file: model.file.path, range: custom.instruction.range })} is never registered (no ENV LD_LIBRARY_PATH=${custom.libDir}, no ld.so.conf.d entry followed by ldconfig), so the old library is still the one loaded.`;
    related.push({ file: model.file.path, line: custom.instruction.range.start.line, column: custom.instruction.range.start.column, message: 'custom SQLite copied in but never registered' });
  }
  context.report({
    file: model.file.path,
    range: token.range,
    entryLine,
    related,
    message: `${what}; ${runtimeName(consumer.runtime)} loads it (evidence: ${citeEvidence(consumer.evidence[0])}). ${bugSentence(version, minimum)}.${unwired} ${REMEDY}.`,
  });
}

/** A version assert with a fixed floor in the final image's chain makes the build fail on an old library. */
function hasCompliantCheck(analysis: ImageAnalysis): boolean {
  const chain = new Set(analysis.chain.map((stage) => stage.index));
  const registeredAt = analysis.custom?.registeredBy?.range.start.offset ?? -1;
  return analysis.checks.some((check) => chain.has(check.stageIndex) && isCompliant(check) && check.runtime !== 'cli' && check.instruction.range.start.offset > registeredAt);
}

function checkService(context: RuleContext, compose: ComposeModel, service: ComposeService): void {
  const analysis = analyseImageService(context.project, compose, service, context.settings);
  if (!analysis) return;
  const { image, consumers: verdict, written } = analysis;
  const file = service.file.path;
  if (!image.known) {
    const item = firstNonBundledEvidence(verdict);
    if (context.settings.strict && item) context.report({ file, range: written.range, severity: 'info', message: unknownImageMessage(image, item) });
    return;
  }
  const [consumer] = distroConsumers(verdict.consumers);
  if (!consumer) return;
  const version = image.systemSqlite;
  if (!version || isSqliteFixed(version, context.settings) !== false) return;
  context.report({
    file,
    range: written.range,
    related: [relatedEvidence(consumer.evidence[0])],
    message: `service ${service.name} runs ${written.value}, which is ${describeBase(image)} with SQLite ${version}; ${runtimeName(consumer.runtime)} loads it (evidence: ${citeEvidence(consumer.evidence[0])}). ${bugSentence(version, sqliteFixMinimum())}. Build your own image FROM it with SQLite >= 3.51.3 copied in and registered (LD_LIBRARY_PATH or ld.so.conf.d plus ldconfig) and a build-time version assert, or run an image whose SQLite is fixed.`,
  });
}

export const distroSqlite = defineRule({
  meta: {
    id: 'distro-sqlite',
    defaultSeverity: 'warning',
    description: 'The image loads a distribution libsqlite3 older than the WAL-reset fix (SQLite 3.51.3).',
    kinds: ['dockerfile', 'compose'],
  },
  check(context) {
    for (const model of context.project.dockerfiles) checkDockerfile(context, model);
    for (const compose of context.project.composeFiles) {
      for (const service of compose.services) checkService(context, compose, service);
    }
  },
});
