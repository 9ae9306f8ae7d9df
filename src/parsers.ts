/* eslint-disable @typescript-eslint/no-require-imports -- each parser is loaded when a file of its kind is read */
import type * as ComposeParser from './compose/parse';
import type * as DockerfileParser from './dockerfile/parse';
import type * as DotenvParser from './interpolation/dotenv';
import type * as KamalParser from './kamal/parse';

/**
 * The parser of each file kind (and of `.env`), loaded on first use: a pre-commit run over one
 * Dockerfile must not pay for the YAML library, which costs more to load than the run itself.
 * Node caches each module after its first `require`. The parsers import nothing of the engine.
 */
export const parsers = {
  dockerfile: (): typeof DockerfileParser => require('./dockerfile/parse'),
  compose: (): typeof ComposeParser => require('./compose/parse'),
  kamal: (): typeof KamalParser => require('./kamal/parse'),
  dotenv: (): typeof DotenvParser => require('./interpolation/dotenv'),
};
