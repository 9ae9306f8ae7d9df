'use strict';
/*
 * Writes dist/litelint.cjs.cache: V8 bytecode of the bundle after a run over examples/, so that
 * the functions a typical run calls are in it too, behind the header the loader checks (the
 * digests of the bundle and of the bytecode, see scripts/bundle-loader.js). Part of `npm run build`.
 */
const { writeFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { loadBundle, cacheFile, cachePath } = require('./bundle-loader');

rmSync(cachePath, { force: true });
const { cli, script, bundleBytes } = loadBundle();
const quiet = { cwd: join(__dirname, '..'), stdout() {}, stderr() {}, readStdin: () => Buffer.alloc(0), isTty: false, env: {} };
for (const format of ['stylish', 'json', 'gnu']) cli.run(['-f', format, 'examples'], quiet);
writeFileSync(cachePath, cacheFile(bundleBytes, script.createCachedData()));
