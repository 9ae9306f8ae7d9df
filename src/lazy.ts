/* eslint-disable @typescript-eslint/no-require-imports -- the one place that loads modules on first use */
import type * as ComposeParser from './compose/parse';
import type * as DockerfileParser from './dockerfile/parse';
import type * as Fix from './fix';
import type * as Formatters from './formatters';
import type * as DotenvParser from './interpolation/dotenv';
import type * as KamalParser from './kamal/parse';
import type * as ImageExplainer from './knowledge/explain';
import type * as KnowledgeLookup from './knowledge/lookup';
import type * as ProcessTuning from './process-tuning';
import type IgnoreFactory from 'ignore';
import type validRange from 'semver/ranges/valid';
import type * as Yaml from 'yaml';

/**
 * Start-up time is a feature: a pre-commit run over one Dockerfile must not pay for the YAML
 * library, the knowledge base or formatters it does not print with. Each loader runs `require` on
 * first call; Node caches the module after that.
 */
export const parsers = {
  dockerfile: (): typeof DockerfileParser => require('./dockerfile/parse'),
  compose: (): typeof ComposeParser => require('./compose/parse'),
  kamal: (): typeof KamalParser => require('./kamal/parse'),
  dotenv: (): typeof DotenvParser => require('./interpolation/dotenv'),
};

export const lazy = {
  formatters: (): typeof Formatters => require('./formatters'),
  fix: (): typeof Fix => require('./fix'),
  explainImage: (): typeof ImageExplainer => require('./knowledge/explain'),
  knowledgeLookup: (): typeof KnowledgeLookup => require('./knowledge/lookup'),
  yaml: (): typeof Yaml => require('yaml'),
  ignore: (): typeof IgnoreFactory => require('ignore'),
  processTuning: (): typeof ProcessTuning => require('./process-tuning'),
  semverValidRange: (): typeof validRange => require('semver/ranges/valid'),
};
