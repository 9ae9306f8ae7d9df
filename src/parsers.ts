/* eslint-disable @typescript-eslint/no-require-imports -- parsers load on first use: a run over one Dockerfile never pays for the YAML library */
import type * as ComposeParser from './compose/parse';
import type * as DockerfileParser from './dockerfile/parse';
import type * as DotenvParser from './interpolation/dotenv';
import type * as KamalParser from './kamal/parse';

export const parsers = {
  dockerfile: (): typeof DockerfileParser => require('./dockerfile/parse'),
  compose: (): typeof ComposeParser => require('./compose/parse'),
  kamal: (): typeof KamalParser => require('./kamal/parse'),
  dotenv: (): typeof DotenvParser => require('./interpolation/dotenv'),
};
