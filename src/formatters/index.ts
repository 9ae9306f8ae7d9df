/* eslint-disable @typescript-eslint/no-require-imports -- a run loads only the formatter it prints with */
import type { Finding } from '../types';

export interface FormatContext {
  color: boolean;
  /** Number of files linted, for summaries. */
  fileCount: number;
}

export type Formatter = (findings: readonly Finding[], context: FormatContext) => string;

const loaders: Record<string, () => Formatter> = {
  stylish: () => require('./stylish').formatStylish,
  json: () => require('./json').formatJson,
  gnu: () => require('./gnu').formatGnu,
};

export const FORMAT_NAMES = Object.keys(loaders);

export function loadFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(loaders, name) ? loaders[name]() : undefined;
}
