import { posix } from 'node:path';
import type { ComposeService, YamlScalar } from '../compose/model';
import { kamalProjectRoot, type KamalModel } from '../kamal/model';
import type { Range } from '../types';
import { joinProjectPath } from './paths';

/**
 * What a compose service or a Kamal config builds: the one place that works out a build's
 * context directory, Dockerfile path and target stage. Paths are posix, relative to the project
 * root, with the root itself as `''`.
 */
export interface BuildPaths {
  /** The build context directory (`''`: the project root). */
  contextDir: string;
  /** The Dockerfile the build reads; undefined for `dockerfile_inline` or a path that depends on a variable. */
  dockerfilePath?: string;
  /** `target:` as written: the stage the build stops at; undefined means the last stage. */
  target?: string;
  /** Build arguments with a value litelint can read (`build.args`, `builder.args`), for the Dockerfile's ARGs. */
  args: Readonly<Record<string, string>>;
  /** Additional contexts that are folders of the project (`additional_contexts`), by name, as project paths. */
  namedContexts: Readonly<Record<string, string>>;
  /** Where the build names its Dockerfile (or the `build:` entry), for findings about that file. */
  at: { file: string; range: Range };
  /**
   * The deploy file asks for this Dockerfile in so many words (a compose `build:`, Kamal's
   * `builder.dockerfile`), so its absence is a finding; Kamal's implicit `Dockerfile` is not.
   */
  named: boolean;
}

const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

/** The value compose uses for a path scalar, or undefined when it depends on a variable it cannot know. */
function literalPath(scalar: YamlScalar | undefined, fallback: string): string | undefined {
  if (!scalar) return fallback;
  return scalar.value.includes('$') ? undefined : scalar.value;
}

/** The arguments whose values are written out (no variable, no ERB): what litelint can resolve ARGs with. */
function literalArgs(args: readonly { name: string; value?: YamlScalar }[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name, value } of args) {
    const text = value?.interpolated ?? value?.value;
    if (text !== undefined && !text.includes('$') && !text.includes('<%')) values[name] = text;
  }
  return values;
}

function rootRelative(path: string): string {
  const joined = joinProjectPath(path);
  return joined === '.' ? '' : joined;
}

/** A compose service's build; undefined without `build:`, for a remote or interpolated context, or an inline Dockerfile. */
export function composeBuildPaths(service: ComposeService): BuildPaths | undefined {
  const build = service.build;
  if (!build) return undefined;
  const context = literalPath(build.context, '.');
  if (context === undefined || REMOTE_CONTEXT.test(context)) return undefined;
  const dockerfile = build.dockerfileInline ? undefined : literalPath(build.dockerfile, 'Dockerfile');
  // Relative to the directory of the file `build:` is written in (an `extends: {file:}` file, an include's project directory).
  const baseDir = build.baseDir ?? posix.dirname(service.file.path.replace(/\\/g, '/'));
  const contextDir = rootRelative(joinProjectPath(baseDir, context));
  // `dockerfile:` is relative to the context.
  const dockerfilePath = dockerfile === undefined || posix.isAbsolute(dockerfile) ? dockerfile : rootRelative(joinProjectPath(contextDir, dockerfile));
  const named = build.dockerfile ?? build.context;
  const at = named ? { file: (named.file ?? build.file ?? service.file).path, range: named.range } : { file: (build.file ?? service.file).path, range: build.range };
  const namedContexts: Record<string, string> = {};
  for (const [name, path] of Object.entries(literalArgs(build.additionalContexts))) {
    // An image (`docker-image://`), a service (`service:`), a stage or a URL is not a folder to read.
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || REMOTE_CONTEXT.test(path)) continue;
    namedContexts[name] = rootRelative(joinProjectPath(baseDir, path));
  }
  return { contextDir, dockerfilePath, target: build.target?.value, args: literalArgs(build.args), namedContexts, at, named: true };
}

/** A Kamal config's build: `builder.dockerfile` and `builder.context` from the project root Kamal builds from. */
export function kamalBuildPaths(kamal: KamalModel): BuildPaths | undefined {
  // config/deploy.yml lives two levels below the project root that Kamal builds from.
  const root = kamalProjectRoot(kamal);
  // Kamal resolves builder.dockerfile from the project root, not from builder.context.
  const dockerfile = kamal.builder?.dockerfile?.value ?? 'Dockerfile';
  if (dockerfile.includes('<%')) return undefined;
  const context = kamal.builder?.context?.value ?? '.';
  const contextDir = context.includes('<%') || REMOTE_CONTEXT.test(context) ? rootRelative(root) : rootRelative(joinProjectPath(root, context));
  const named = kamal.builder?.dockerfile;
  const at = named ? { file: kamal.file.path, range: named.range } : { file: kamal.file.path, range: kamal.file.range(0, 0) };
  return { contextDir, dockerfilePath: rootRelative(joinProjectPath(root, dockerfile)), args: literalArgs(kamal.builder?.args ?? []), namedContexts: {}, at, named: named !== undefined };
}
