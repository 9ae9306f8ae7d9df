#!/usr/bin/env node
'use strict';

// The CLI runs from one bundled file: resolving and compiling ~100 small modules costs more
// start-up time than a pre-commit run on one file should take.
let cli;
try {
  cli = require('../dist/litelint.cjs');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('litelint.cjs')) {
    process.stderr.write('litelint: not built yet; run `npm ci` (or `npm run build`) in the litelint checkout\n');
    process.exit(2);
  }
  throw error;
}
cli.main();
