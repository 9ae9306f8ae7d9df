import type { DockerfileModel } from '../src/dockerfile/model';
import type { Knowledge } from '../src/knowledge/knowledge';
import { analyseDockerfile, type ImageAnalysis } from '../src/sqlite/image-analysis';
import { copiedStages } from '../src/sqlite/stages';
import { assertLineFor, relatedEvidence } from '../src/sqlite/messages';
import { isCompliant, type VersionCheck } from '../src/sqlite/version-check';
import { defineRule, type RuleContext, type RelatedLocation } from '../src/rule-api';

function stageLabel(model: DockerfileModel, index: number): string {
  const stage = model.stages[index];
  return stage?.name ? `stage '${stage.name}'` : `stage ${index}`;
}

/** Why a check in the final image's chain does not protect it, or undefined when it does. */
function weakness(analysis: ImageAnalysis, check: VersionCheck, knowledge: Knowledge): { message: string; range: VersionCheck['instruction']['keywordRange'] } | undefined {
  const minimum = knowledge.fixMinimum;
  const line = check.instruction.range.start.line;
  const registeredBy = analysis.custom?.registeredBy;
  if (registeredBy && check.instruction.range.start.offset < registeredBy.range.start.offset) {
    return { range: check.instruction.keywordRange, message: `the SQLite version check at line ${line} runs before line ${registeredBy.range.start.line} makes the loader use the new library, so it tests the old one` };
  }
  if (!check.fails) return { range: check.instruction.keywordRange, message: `the SQLite version check at line ${line} only prints the version; it never fails the build` };
  if (check.swallowed) return { range: check.instruction.keywordRange, message: `the SQLite version check at line ${line} cannot fail the build: '|| true' (or a similar fallback) swallows its exit code` };
  if (check.floor && !check.floor.fixed) {
    return { range: check.floor.range, message: `the SQLite version check at line ${line} compares against ${check.floor.version}, below ${minimum}, so it passes on libraries that still have the WAL-reset bug` };
  }
  const bundled = analysis.consumers.consumers.filter((consumer) => consumer.sqlite === 'bundled');
  if (check.runtime === 'cli' && bundled.length > 0 && bundled.length === analysis.consumers.consumers.length) {
    return { range: check.instruction.keywordRange, message: `the check at line ${line} reads the sqlite3 command-line shell, but ${knowledge.runtimeName(bundled[0].runtime)} brings its own SQLite, which the check never sees` };
  }
  return undefined;
}

/** Drivers compiled into a binary: their SQLite is fixed at build time, so the build stage may check it. */
const COMPILED_IN = new Set(['go-bundled', 'rust-bundled']);

function checkDockerfile(context: RuleContext, model: DockerfileModel): void {
  const analysis = analyseDockerfile(context.project, context.knowledge, model);
  if (!analysis?.usesSqlite) return;
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
    context.report({ file: model.file.path, range: weak.range, entryLine: check.instruction.range.start.line, related, message: capitalise(weak.message), help: addLine });
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
      message: `The SQLite version check at line ${sibling.instruction.range.start.line} runs in ${stageLabel(model, sibling.stageIndex)}, which the final image (${finalStageName}) does not build FROM`,
      help: `BuildKit may skip that stage, and it checks another filesystem than the app's. ${addLine}`,
    });
    return;
  }
  context.report({
    file: model.file.path,
    range: finalToken.range,
    entryLine: analysis.finalStage.from.range.start.line,
    related,
    message: `No RUN step of the final image fails the build when its SQLite is older than ${context.knowledge.fixMinimum}`,
    help: addLine,
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const sqliteVersionAssert = defineRule({
  meta: {
    id: 'sqlite-version-assert',
    defaultSeverity: 'warning',
    description: 'An image that uses SQLite has no build step that fails when the loaded SQLite is older than the WAL-reset fix.',
    kinds: ['dockerfile'],
    help: 'Add a RUN step to the final stage that exits non-zero when the loaded SQLite is older than the fix.',
  },
  check(context) {
    for (const model of context.project.dockerfiles) checkDockerfile(context, model);
  },
});
