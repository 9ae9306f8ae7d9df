'use strict';
/*
 * Writes dist/litelint.cjs.cache: V8 bytecode of the bundle after a run over examples/, so that
 * the functions a typical run calls are in it too. Part of `npm run build`.
 */
const { writeFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { loadBundle, cachePath } = require('./bundle-loader');

rmSync(cachePath, { force: true });
const { cli, script } = loadBundle();
const quiet = { cwd: join(__dirname, '..'), stdout() {}, stderr() {}, readStdin: () => Buffer.alloc(0), isTty: false, env: {} };
for (const format of ['stylish', 'json', 'gnu']) cli.run(['-f', format, 'examples'], quiet);
writeFileSync(cachePath, script.createCachedData());
