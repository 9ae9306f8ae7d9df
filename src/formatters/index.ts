/* eslint-disable @typescript-eslint/no-require-imports -- a run loads only the formatter it prints with */
import type { Finding } from '../types';

export interface FormatContext {
  color: boolean;
  /** Number of files linted, for summaries. */
  fileCount: number;
  /** Paths of the files linted, as findings name them (junit lists clean files too). */
  files?: readonly string[];
  /** The text of a linted file, by path (sarif fingerprints a finding by the text of its line). */
  sourceText?: (file: string) => string | undefined;
  /** litelint's version, for formats that name the tool (sarif). */
  toolVersion?: string;
}

export type Formatter = (findings: readonly Finding[], context: FormatContext) => string;

const loaders: Record<string, () => Formatter> = {
  stylish: () => require('./stylish').formatStylish,
  json: () => require('./json').formatJson,
  gnu: () => require('./gnu').formatGnu,
  sarif: () => require('./sarif').formatSarif,
  github: () => require('./github').formatGithub,
  junit: () => require('./junit').formatJunit,
};

export const FORMAT_NAMES = Object.keys(loaders);

export function loadFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(loaders, name) ? loaders[name]() : undefined;
}
