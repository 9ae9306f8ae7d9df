import { parseCompose } from './compose/parse';
import { parseDockerfile } from './dockerfile/parse';
import { parseDotenv } from './interpolation/dotenv';
import { parseKamal } from './kamal/parse';

/**
 * The parser of each file kind (and of `.env`): what the engine turns text into models with. The
 * engine is handed them (LintOptions.parsers), so that how they are loaded is the composition
 * root's choice: the API imports them here; the CLI loads each on first use (./lazy-parsers.ts),
 * because a pre-commit run over one Dockerfile must not pay for the YAML library.
 */
export interface Parsers {
  dockerfile: typeof parseDockerfile;
  compose: typeof parseCompose;
  kamal: typeof parseKamal;
  dotenv: typeof parseDotenv;
}

/** The parsers, loaded with this module. */
export const parsers: Parsers = { dockerfile: parseDockerfile, compose: parseCompose, kamal: parseKamal, dotenv: parseDotenv };
