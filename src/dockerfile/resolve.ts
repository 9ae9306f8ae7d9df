/**
 * Stage resolution as BuildKit's dockerfile2llb does it: global (meta) ARGs, build-arg overrides,
 * predefined platform ARGs, FROM expansion and `FROM <earlier stage>` lookup.
 */
import type { Range } from '../types';
import { ExpansionError, expandWord } from './expand';
import type { DockerfileModel, Stage } from './model';

export interface ResolvedStage {
  /** The FROM image after expansion; undefined when it cannot be resolved. */
  baseImage: string | undefined;
  /** Index of the earlier stage the FROM names, if any. */
  baseStage?: number;
  /** Why `baseImage` is undefined, in BuildKit's words. */
  unresolved?: string;
  /** `--platform` after expansion, when the FROM has one. */
  platform?: string;
}

/** A platform as `os/arch[/variant]`; a plain string sets the target platform. */
export type PlatformOption = string | { target?: string; build?: string };

export interface ResolutionProblem {
  message: string;
  range: Range;
}

const DEFAULT_PLATFORM = 'linux/amd64';

/** BuildKit's predefined ARGs, available to global ARGs and FROM lines without a declaration. */
export function platformArgs(platform?: PlatformOption): Record<string, string> {
  const target = typeof platform === 'string' ? platform : (platform?.target ?? DEFAULT_PLATFORM);
  const build = typeof platform === 'string' ? DEFAULT_PLATFORM : (platform?.build ?? DEFAULT_PLATFORM);
  const describe = (prefix: string, spec: string): Record<string, string> => {
    const [os = '', arch = '', variant = ''] = spec.split('/');
    return {
      [`${prefix}PLATFORM`]: spec,
      [`${prefix}OS`]: os,
      [`${prefix}ARCH`]: arch,
      [`${prefix}VARIANT`]: variant,
    };
  };
  return { ...describe('BUILD', build), ...describe('TARGET', target) };
}

let defaultEntries: readonly [string, string][] | undefined;

/** `platformArgs()` as entries, built once: every Dockerfile parse starts from them. */
function defaultPlatformEntries(): readonly [string, string][] {
  return (defaultEntries ??= Object.entries(platformArgs()));
}

/**
 * The environment FROM lines see: platform ARGs, then every global ARG in order. A build arg
 * replaces the default only for a declared global ARG; a default is expanded with what came before.
 */
export function resolveGlobalArgs(
  model: DockerfileModel,
  buildArgs: Readonly<Record<string, string>> = {},
  platform?: PlatformOption,
): { env: Map<string, string>; problems: ResolutionProblem[] } {
  const env = new Map(platform === undefined ? defaultPlatformEntries() : Object.entries(platformArgs(platform)));
  const problems: ResolutionProblem[] = [];
  const lookup = (name: string) => env.get(name);
  for (const arg of model.globalArgs) {
    let value: string | undefined;
    if (Object.prototype.hasOwnProperty.call(buildArgs, arg.key)) value = buildArgs[arg.key];
    else if (arg.rawValue !== undefined) {
      try {
        value = expandWord(arg.rawValue, lookup, model.escapeChar);
      } catch (error) {
        if (!(error instanceof ExpansionError)) throw error;
        problems.push({ message: `failed to process ${JSON.stringify(arg.rawValue)}: ${error.message}`, range: arg.valueRange ?? arg.range });
        continue;
      }
    }
    // A value-less ARG keeps an earlier value of the same name.
    if (value !== undefined) env.set(arg.key, value);
  }
  return { env, problems };
}

export function resolveStages(
  model: DockerfileModel,
  buildArgs?: Readonly<Record<string, string>>,
  platform?: PlatformOption,
): ResolvedStage[] {
  return resolveStagesWithProblems(model, buildArgs, platform).stages;
}

export function resolveStagesWithProblems(
  model: DockerfileModel,
  buildArgs?: Readonly<Record<string, string>>,
  platform?: PlatformOption,
): { stages: ResolvedStage[]; problems: ResolutionProblem[] } {
  const { env, problems } = resolveGlobalArgs(model, buildArgs, platform);
  const lookup = (name: string) => env.get(name);
  const stageByName = new Map<string, number>();
  const stages = model.stages.map((stage): ResolvedStage => {
    const resolved = resolveBase(stage, lookup, model.escapeChar, stageByName, problems);
    if (stage.platform) {
      try {
        resolved.platform = expandWord(stage.platform.value, lookup, model.escapeChar);
      } catch (error) {
        if (!(error instanceof ExpansionError)) throw error;
        problems.push({ message: `failed to process arguments for platform: ${error.message}`, range: stage.platform.range });
      }
    }
    // Registered after the lookup, so `FROM x AS x` names an image, not itself.
    if (stage.name !== undefined && !stageByName.has(stage.name)) stageByName.set(stage.name, stage.index);
    return resolved;
  });
  return { stages, problems };
}

function resolveBase(
  stage: Stage,
  lookup: (name: string) => string | undefined,
  escapeChar: DockerfileModel['escapeChar'],
  stageByName: ReadonlyMap<string, number>,
  problems: ResolutionProblem[],
): ResolvedStage {
  let baseImage: string;
  try {
    baseImage = expandWord(stage.baseImage.value, lookup, escapeChar);
  } catch (error) {
    if (!(error instanceof ExpansionError)) throw error;
    problems.push({ message: error.message, range: stage.baseImage.range });
    return { baseImage: undefined, unresolved: error.message };
  }
  if (baseImage === '') {
    const message = `base name (${stage.baseImage.value}) should not be blank`;
    problems.push({ message, range: stage.baseImage.range });
    return { baseImage: undefined, unresolved: message };
  }
  // BuildKit matches the expanded name exactly against the lower-cased stage names.
  const baseStage = stageByName.get(baseImage);
  return baseStage === undefined ? { baseImage } : { baseImage, baseStage };
}

/** The stage `docker build --target` picks (case-insensitive), or the last stage without a target. */
export function finalStage(model: DockerfileModel, target?: string): Stage | undefined {
  if (target === undefined || target === '') return model.stages[model.stages.length - 1];
  const wanted = target.toLowerCase();
  return model.stages.find((stage) => stage.name === wanted);
}

/**
 * The stage followed by every stage it is built FROM, nearest first. Uses the default resolution
 * unless `resolved` (from `resolveStages` with build args) is given.
 */
export function stageChain(model: DockerfileModel, stageIndex: number, resolved?: readonly ResolvedStage[]): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  let index: number | undefined = stageIndex;
  while (index !== undefined && !seen.has(index)) {
    const stage: Stage | undefined = model.stages[index];
    if (!stage) break;
    seen.add(index);
    chain.push(stage);
    index = resolved ? resolved[index]?.baseStage : stage.baseStage;
  }
  return chain;
}
