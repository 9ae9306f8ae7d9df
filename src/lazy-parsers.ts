/* eslint-disable @typescript-eslint/no-require-imports -- each parser is loaded when a file of its kind is read */
import type * as ComposeParser from './compose/parse';
import type * as DockerfileParser from './dockerfile/parse';
import type * as DotenvParser from './interpolation/dotenv';
import type * as KamalParser from './kamal/parse';
import type { Parsers } from './parsers';

/**
 * The CLI's parsers, each module loaded on first use: a pre-commit run over one Dockerfile must not
 * pay for the YAML library, which costs more to load than the run itself (docs/performance.md).
 * Node caches each module after its first `require`; the bundle keeps each one a lazy module.
 */
export const lazyParsers: Parsers = {
  dockerfile: (file) => (require('./dockerfile/parse') as typeof DockerfileParser).parseDockerfile(file),
  compose: (file, context) => (require('./compose/parse') as typeof ComposeParser).parseCompose(file, context),
  kamal: (file) => (require('./kamal/parse') as typeof KamalParser).parseKamal(file),
  dotenv: (text, lookup) => (require('./interpolation/dotenv') as typeof DotenvParser).parseDotenv(text, lookup),
};
