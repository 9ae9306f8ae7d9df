#!/usr/bin/env node
'use strict';

let cli;
try {
  cli = require('../dist/src/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli.js')) {
    process.stderr.write('litelint: not built yet; run `npm ci` (or `npm run build`) in the litelint checkout\n');
    process.exit(2);
  }
  throw error;
}
cli.main();
