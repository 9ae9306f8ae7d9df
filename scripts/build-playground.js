'use strict';
/*
 * `npm run build:playground`: the browser playground as a static site in dist/playground/
 * (index.html, style.css, page.js with the worker's code inside). Classic scripts, no modules or fetches, so it works
 * from file:// and from any static host.
 *
 * The lint runs the package's own engine (src/index.ts) in a Web Worker. What reaches for Node is
 * swapped at bundle time, not in the core: data/*.json are bundled in (src/playground/shims/
 * data-reader.ts replaces src/data-reader.ts), node:path is a POSIX shim, and node:fs/os/crypto a stub
 * that throws (the modules that import them keep those functions unused in the playground). The
 * build fails if any other node: module is reached.
 */
const { readFileSync, readdirSync, mkdirSync, copyFileSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');
const esbuild = require('esbuild');
const { yamlDebugSwitchesOff } = require('./bundle');

const root = resolve(__dirname, '..');
const out = join(root, 'dist', 'playground');
const shims = join(root, 'src', 'playground', 'shims');
const STUBBED = new Set(['fs', 'os', 'crypto', 'v8', 'util']);

const browserShims = {
  name: 'litelint-browser-shims',
  setup(build) {
    build.onResolve({ filter: /^(node:|(path|fs|os|crypto|v8|util|child_process|net|http|https)$)/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (name === 'path') return { path: join(shims, 'path.ts') };
      if (STUBBED.has(name)) return { path: join(shims, 'no-fs.ts') };
      return { errors: [{ text: `${args.importer} imports ${args.path}, which the playground has no shim for` }] };
    });
    build.onResolve({ filter: /[\\/]data-reader$/ }, (args) => {
      if (args.importer.startsWith(shims)) return undefined;
      return { path: join(shims, 'data-reader.ts') };
    });
  },
};

/** The newest `asOf` among the bundled data files: the date the page states its knowledge as of. */
function knowledgeAsOf() {
  let newest = '';
  for (const name of readdirSync(join(root, 'data'))) {
    if (!name.endsWith('.json')) continue;
    for (const match of readFileSync(join(root, 'data', name), 'utf8').matchAll(/"asOf"\s*:\s*"(\d{4}-\d{2}-\d{2})"/g)) {
      if (match[1] > newest) newest = match[1];
    }
  }
  return newest || 'unknown';
}

/** The memory-hall example: compose.yaml from examples/ (kept in one place), the rest beside it. */
function exampleProject() {
  const dir = join(root, 'playground', 'example');
  const read = (path) => readFileSync(join(dir, path), 'utf8');
  const files = [
    { path: 'compose.yaml', text: readFileSync(join(root, 'examples', 'volume-source-fallback', 'bad', 'compose.yaml'), 'utf8') },
    ...['Dockerfile', 'config/deploy.yml', 'config/database.yml', 'requirements.txt', 'package-lock.json', '.env'].map((path) => ({ path, text: read(path) })),
  ];
  return { files, settings: read('litelint.yaml') };
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const common = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2022'],
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [browserShims, yamlDebugSwitchesOff],
    define: {
      'process.env.NODE_ENV': '"production"',
      LITELINT_VERSION: JSON.stringify(version),
      KNOWLEDGE_AS_OF: JSON.stringify(knowledgeAsOf()),
      EXAMPLE_PROJECT: JSON.stringify(exampleProject()),
      __dirname: '"/"',
    },
  };
  // Chromium refuses `new Worker('worker.js')` on a file:// page, so the worker's code is embedded
  // in page.js and started from a Blob URL, which works from file:// and any host alike.
  const worker = await esbuild.build({ ...common, entryPoints: [join(root, 'playground', 'worker.ts')], write: false, outfile: 'worker.js' });
  const workerSource = worker.outputFiles[0].text;
  await esbuild.build({
    ...common,
    define: { ...common.define, WORKER_SOURCE: JSON.stringify(workerSource) },
    entryPoints: [join(root, 'playground', 'page.ts')],
    outfile: join(out, 'page.js'),
  });
  for (const name of ['index.html', 'style.css']) copyFileSync(join(root, 'playground', name), join(out, name));
  process.stdout.write(`playground written to ${out}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
