#!/usr/bin/env node
'use strict';
/*
 * The language server's latency (issue 18): a 200-file project in a temp dir, `litelint --lsp` over
 * stdio driven by vscode-languageserver's own client framing, and the time from a change to the
 * diagnostics it causes. Usage: node scripts/bench-lsp.js [--rounds N]  (also the last block of
 * `npm run bench`, or the only one with `npm run bench -- --lsp`). Prints figures, never fails on a time.
 */
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');

/** The quiet spell between changes: longer than the debounce (so none is debounced) and than a whole-project lint. */
const QUIET_MS = 1500;
const TARGET_CHANGED_MS = 50;
const TARGET_EVIDENCE_MS = 200;

const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "-m", "app"]\n';
const WITHOUT_SQLITE = 'flask==3.0.0\n';
const WITH_SQLITE = 'flask==3.0.0\naiosqlite==0.21.0\n';
const compose = (i, fallback) =>
  `services:\n  app${i}:\n    build: .\n    volumes:\n      - ${fallback ? '${DATA_DIR:-./data}' : '${DATA_DIR:?set DATA_DIR}'}:/data\n`;

/** 200 linted files: 100 directories of a Dockerfile and a compose file building it, with the requirements.txt it copies. */
function generateProject() {
  const root = mkdtempSync(join(tmpdir(), 'litelint-bench-lsp-'));
  for (let i = 0; i < 100; i++) {
    const dir = join(root, `svc${Math.floor(i / 20)}`, `app${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(dir, 'compose.yaml'), compose(i, i % 3 === 0));
    writeFileSync(join(dir, 'requirements.txt'), WITHOUT_SQLITE);
  }
  return root;
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function measure(bin, rounds) {
  const root = generateProject();
  const child = spawn(process.execPath, [bin, '--lsp'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { PATH: process.env.PATH } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const at = performance.now();
    if (process.env.BENCH_DEBUG) console.log(params.uri, params.diagnostics.map((d) => d.code));
    waiters = waiters.filter((waiter) => (waiter.test(params) ? (waiter.done(at), false) : true));
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const uri = (path) => pathToFileURL(join(root, path)).href;
  const next = (path, test) => new Promise((done) => waiters.push({ test: (params) => params.uri === uri(path) && test(params.diagnostics), done }));
  const has = (rule) => (diagnostics) => diagnostics.some((d) => d.code === rule);
  const lacks = (rule) => (diagnostics) => !diagnostics.some((d) => d.code === rule);

  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, workspaceFolders: null });
  const first = next('svc0/app0/compose.yaml', has('volume-source-fallback'));
  await connection.sendNotification('initialized', {});
  await first;

  const composePath = 'svc0/app0/compose.yaml';
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(composePath), languageId: 'yaml', version: 1, text: compose(0, true) } });
  const requirements = 'svc0/app1/requirements.txt';
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(requirements), languageId: 'pip-requirements', version: 1, text: WITHOUT_SQLITE } });
  await sleep(QUIET_MS);

  const changed = [];
  const evidence = [];
  let version = 1;
  for (let round = 0; round < rounds; round++) {
    // The compose file's own finding comes and goes with each edit.
    const fallback = round % 2 === 1;
    const seen = next(composePath, fallback ? has('volume-source-fallback') : lacks('volume-source-fallback'));
    const start = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(composePath), version: ++version }, contentChanges: [{ text: compose(0, fallback) }] });
    changed.push((await seen) - start);
    await sleep(QUIET_MS);
    // An unsaved requirements.txt edit: the Dockerfile that copies it (not open) gains or loses distro-sqlite.
    const sqlite = round % 2 === 0;
    const dependent = next('svc0/app1/Dockerfile', sqlite ? has('distro-sqlite') : lacks('distro-sqlite'));
    const evidenceStart = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(requirements), version: ++version }, contentChanges: [{ text: sqlite ? WITH_SQLITE : WITHOUT_SQLITE }] });
    evidence.push((await dependent) - evidenceStart);
    await sleep(QUIET_MS);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  rmSync(root, { recursive: true, force: true });
  return { changed, evidence };
}

async function main(bin, rounds) {
  const { changed, evidence } = await measure(bin, rounds);
  const row = (label, samples, target) => {
    const m = median(samples);
    return `${label.padEnd(44)} median ${m.toFixed(1).padStart(6)} ms  fastest ${Math.min(...samples).toFixed(1).padStart(6)} ms  target ${target} ms: ${m <= target ? 'pass' : 'FAIL'}`;
  };
  console.log(`language server, 200 linted files, ${rounds} rounds (a change after a quiet spell is not debounced):`);
  console.log(row('didChange -> the changed file\'s diagnostics', changed, TARGET_CHANGED_MS));
  console.log(row('evidence didChange -> a dependent file\'s', evidence, TARGET_EVIDENCE_MS));
}

module.exports = { main };
if (require.main === module) {
  const { parseArgs } = require('node:util');
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
  main(join(resolve(__dirname, '..'), 'bin', 'litelint.js'), Number(values.rounds)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
