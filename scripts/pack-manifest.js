'use strict';
/*
 * `npm pack` / `npm publish` (prepack, postpack): the packed package.json leaves out the `prepare`
 * script. In a checkout `prepare` builds dist/ (npm ci, pre-commit's install of the hook repo, a
 * git dependency), but the tarball carries the build already, and npm 11 warns on every install
 * of a package that declares an install script ("install-scripts ... not yet covered by
 * allowScripts"). `strip` saves package.json and removes the script; `restore` puts it back (the
 * same pattern as the pinst package, written out here as it is a dozen lines).
 */
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const manifest = join(__dirname, '..', 'package.json');
const backup = join(__dirname, '..', '.package.json.before-pack');

function strip() {
  const text = readFileSync(manifest, 'utf8');
  writeFileSync(backup, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

function restore() {
  if (existsSync(backup)) renameSync(backup, manifest);
}

const action = process.argv[2];
if (action === 'strip') strip();
else if (action === 'restore') restore();
else {
  process.stderr.write('usage: node scripts/pack-manifest.js strip|restore\n');
  process.exit(2);
}
