import type { DockerfileModel } from '../src/dockerfile/model';
import type { Knowledge } from '../src/knowledge/knowledge';
import type { ImageAnalysis } from '../src/sqlite/image-analysis';
import { copiedStages } from '../src/sqlite/stages';
import { assertLineFor, relatedEvidence } from '../src/sqlite/messages';
import { isCompliant, type VersionCheck } from '../src/sqlite/version-check';
import { defineRule, type RuleContext, type RelatedLocation } from '../src/rule-api';

const messages = {
  checkBeforeRegister: 'The SQLite version check at line {{line}} runs before line {{registeredAt}} makes the loader use the new library, so it tests the old one',
  checkOnlyPrints: 'The SQLite version check at line {{line}} only prints the version; it never fails the build',
  checkSwallowed: "The SQLite version check at line {{line}} cannot fail the build: '|| true' (or a similar fallback) swallows its exit code",
  floorBelowFix: 'The SQLite version check at line {{line}} compares against {{floor}}, below {{minimum}}, so it passes on libraries that still have the WAL-reset bug',
  checksShellOnly: 'The check at line {{line}} reads the sqlite3 command-line shell, but {{runtime}} brings its own SQLite, which the check never sees',
  checkInOtherStage: 'The SQLite version check at line {{line}} runs in {{stage}}, which the final image ({{finalStage}}) does not build FROM',
  missingAssert: 'No RUN step of the final image fails the build when its SQLite is older than {{minimum}}',
};

type MessageId = keyof typeof messages;
type Context = RuleContext<unknown, MessageId>;

function stageLabel(model: DockerfileModel, index: number): string {
  const stage = model.stages[index];
  return stage?.name ? `stage '${stage.name}'` : `stage ${index}`;
}

/** Why a check in the final image's chain does not protect it, or undefined when it does. */
function weakness(
  analysis: ImageAnalysis,
  check: VersionCheck,
  knowledge: Knowledge,
): { messageId: MessageId; data: Record<string, string | number>; range: VersionCheck['instruction']['keywordRange'] } | undefined {
  const line = check.instruction.range.start.line;
  const range = check.instruction.keywordRange;
  const registeredBy = analysis.custom?.registeredBy;
  if (registeredBy && check.instruction.range.start.offset < registeredBy.range.start.offset) {
    return { range, messageId: 'checkBeforeRegister', data: { line, registeredAt: registeredBy.range.start.line } };
  }
  if (!check.fails) return { range, messageId: 'checkOnlyPrints', data: { line } };
  if (check.swallowed) return { range, messageId: 'checkSwallowed', data: { line } };
  if (check.floor && !check.floor.fixed) {
    return { range: check.floor.range, messageId: 'floorBelowFix', data: { line, floor: check.floor.version, minimum: knowledge.fixMinimum } };
  }
  const bundled = analysis.consumers.consumers.filter((consumer) => consumer.sqlite === 'bundled');
  if (check.runtime === 'cli' && bundled.length > 0 && bundled.length === analysis.consumers.consumers.length) {
    return { range, messageId: 'checksShellOnly', data: { line, runtime: knowledge.runtimeName(bundled[0].runtime) } };
  }
  return undefined;
}

/** Drivers compiled into a binary: their SQLite is fixed at build time, so the build stage may check it. */
const COMPILED_IN = new Set(['go-bundled', 'rust-bundled']);

function checkDockerfile(context: Context, model: DockerfileModel): void {
  // Each image the project builds from it: the last stage and every other build target.
  for (const analysis of context.facts.imageAnalyses(model)) checkImage(context, model, analysis);
}

function checkImage(context: Context, model: DockerfileModel, analysis: ImageAnalysis): void {
  if (!analysis.usesSqlite) return;
  const consumers = analysis.consumers.consumers;
  const compiledIn = consumers.length > 0 && consumers.every((consumer) => COMPILED_IN.has(consumer.runtime));
  const chain = new Set(analysis.chain.map((stage) => stage.index));
  if (compiledIn) for (const stage of copiedStages(model, analysis.chain)) chain.add(stage.index);
  const inChain = analysis.checks.filter((check) => chain.has(check.stageIndex));
  if (inChain.some((check) => isCompliant(check) && weakness(analysis, check, context.knowledge) === undefined)) return;

  const runLine = assertLineFor(analysis.consumers.consumers, analysis.image, context.knowledge);
  const evidence = [...analysis.consumers.consumers.flatMap((consumer) => consumer.evidence), ...analysis.consumers.unidentified, ...analysis.evidence][0];
  const related: RelatedLocation[] = evidence ? [relatedEvidence(evidence)] : [];
  const finalToken = analysis.finalStage.baseImage;
  const addLine = compiledIn
    ? `Add to the build stage, after the binary is built (adjust the path): ${runLine}`
    : `Add to the final stage, after any ld.so.conf.d/ldconfig or LD_LIBRARY_PATH step: ${runLine}`;
  const finalStageName = stageLabel(model, analysis.finalStage.index);

  for (const check of inChain) {
    const weak = weakness(analysis, check, context.knowledge);
    if (!weak) continue;
    context.report({ file: model.file.path, range: weak.range, entryLine: check.instruction.range.start.line, related, messageId: weak.messageId, data: weak.data, help: addLine });
    return;
  }
  const sibling = analysis.checks.find((check) => !chain.has(check.stageIndex));
  if (sibling) {
    related.unshift({ file: model.file.path, line: finalToken.range.start.line, column: finalToken.range.start.column, message: `the final image is built by ${finalStageName}` });
    context.report({
      file: model.file.path,
      range: sibling.instruction.keywordRange,
      entryLine: sibling.instruction.range.start.line,
      related,
      messageId: 'checkInOtherStage',
      data: { line: sibling.instruction.range.start.line, stage: stageLabel(model, sibling.stageIndex), finalStage: finalStageName },
      help: `BuildKit may skip that stage, and it checks another filesystem than the app's. ${addLine}`,
    });
    return;
  }
  context.report({
    file: model.file.path,
    range: finalToken.range,
    entryLine: analysis.finalStage.from.range.start.line,
    related,
    messageId: 'missingAssert',
    data: { minimum: context.knowledge.fixMinimum },
    help: addLine,
  });
}

export const sqliteVersionAssert = defineRule({
  meta: {
    id: 'sqlite-version-assert',
    defaultSeverity: 'warning',
    description: 'An image that uses SQLite has no build step that fails when the loaded SQLite is older than the WAL-reset fix.',
    kinds: ['dockerfile'],
    help: 'Add a RUN step to the final stage that exits non-zero when the loaded SQLite is older than the fix.',
    messages,
  },
  check(context) {
    for (const model of context.project.dockerfiles) checkDockerfile(context, model);
  },
});
