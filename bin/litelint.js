#!/usr/bin/env node
'use strict';

// The CLI runs from one bundled file, loaded through V8's code cache: resolving and compiling ~100
// small modules costs more start-up time than a pre-commit run on one file should take.
const { existsSync } = require('node:fs');
const { loadBundle, bundlePath } = require('../scripts/bundle-loader');

if (!existsSync(bundlePath)) {
  process.stderr.write('litelint: not built yet; run `npm ci` (or `npm run build`) in the litelint checkout\n');
  process.exit(2);
}
loadBundle().cli.main();
