import type { CopyInstruction, DockerfileModel, Stage } from '../dockerfile/model';
import { stageChain } from '../dockerfile/resolve';

/** The stage BuildKit builds: the named `--target`, else the last one. */
export function finalStageIndex(model: DockerfileModel, target?: string): number | undefined {
  if (model.stages.length === 0) return undefined;
  if (target) {
    const wanted = target.toLowerCase();
    const named = model.stages.find((stage) => stage.name === wanted);
    if (named) return named.index;
  }
  return model.stages[model.stages.length - 1].index;
}

/** Stages the chain copies files from (`COPY --from=stage`), with their own chains and sources. */
export function copiedStages(model: DockerfileModel, chain: Stage[]): Stage[] {
  const inChain = new Set(chain.map((stage) => stage.index));
  const found = new Map<number, Stage>();
  const queue = [...chain];
  while (queue.length > 0) {
    const stage = queue.shift()!;
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const from = (instruction as CopyInstruction).fromStage;
      if (from === undefined || inChain.has(from) || found.has(from)) continue;
      for (const source of stageChain(model, from)) {
        if (inChain.has(source.index) || found.has(source.index)) continue;
        found.set(source.index, source);
        queue.push(source);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/** The image the chain finally starts from (the last FROM that names an image, not a stage). */
export function rootImage(chain: Stage[]): { stage: Stage; reference: string } | undefined {
  const root = chain[chain.length - 1];
  if (!root || root.baseStage !== undefined) return undefined;
  return { stage: root, reference: root.baseImageResolved ?? root.baseImage.value };
}
