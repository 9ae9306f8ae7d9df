'use strict';
/*
 * Bundles the compiled program (dist/src/main.js: the CLI with the shipped rules) into dist/litelint.cjs. Part of `npm run build`.
 *
 * yaml's parser and composer read `process.env.LOG_TOKENS` / `LOG_STREAM` for every token: debug
 * switches that print to stdout, which would corrupt a JSON or SARIF report, and whose
 * `process.env` lookups cost about a tenth of parsing a small compose file. The bundle pins them off.
 */
const { readFileSync } = require('node:fs');
const esbuild = require('esbuild');

const YAML_DEBUG_SWITCH = /node_process\.env\.(LOG_TOKENS|LOG_STREAM)/g;

const yamlDebugSwitchesOff = {
  name: 'yaml-debug-switches-off',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replace(YAML_DEBUG_SWITCH, 'undefined');
      if (patched === source) throw new Error(`${args.path}: yaml's debug switches were not found; check the yaml version`);
      return { contents: patched, loader: 'js' };
    });
  },
};

module.exports = { yamlDebugSwitchesOff };

if (require.main === module) {
  esbuild
    .build({
      entryPoints: ['dist/src/main.js'],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: 'dist/litelint.cjs',
      logLevel: 'warning',
      plugins: [yamlDebugSwitchesOff],
    })
    .catch(() => process.exit(1));
}
