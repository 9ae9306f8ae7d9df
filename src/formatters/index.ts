/* eslint-disable @typescript-eslint/no-require-imports -- a run loads only the formatter it prints with */
import type { Formatter } from './context';

export type { FormatContext, Formatter } from './context';

const loaders: Record<string, () => Formatter> = {
  stylish: () => require('./stylish').formatStylish,
  json: () => require('./json').formatJson,
  gnu: () => require('./gnu').formatGnu,
  sarif: () => require('./sarif').formatSarif,
  github: () => require('./github').formatGithub,
  junit: () => require('./junit').formatJunit,
  gitlab: () => require('./gitlab').formatGitlab,
};

export const FORMAT_NAMES = Object.keys(loaders);

export function loadFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(loaders, name) ? loaders[name]() : undefined;
}
