#!/usr/bin/env node
'use strict';
/**
 * Maintainer command (never run by tests or CI): derives data/sqlite-tag-history.json, the base
 * distribution every version tag of the official images has had, from the git history of
 * docker-library/official-images' `library/<repository>` files.
 *
 *   node scripts/knowledge-check-tags.js /path/to/official-images-clone [--write]
 *
 * Without --write it prints how the derived history differs from the data file.
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const REPOSITORIES = ['python', 'php', 'node', 'ruby', 'golang'];
const CODENAMES = { wheezy: 'debian-7', jessie: 'debian-8', stretch: 'debian-9', buster: 'debian-10', bullseye: 'debian-11', bookworm: 'debian-12', trixie: 'debian-13', forky: 'debian-14' };
const DATA = join(__dirname, '..', 'data', 'sqlite-tag-history.json');

/** The base a library entry is built on: a codename or alpineX.Y in its directory or its tags. */
function baseOf(words) {
  for (const word of words) {
    for (const token of word.split(/[-/]/)) {
      if (CODENAMES[token]) return CODENAMES[token];
      const alpine = /^alpine(\d+\.\d+)$/.exec(token);
      if (alpine) return `alpine-${alpine[1]}`;
      if (/^(windowsservercore|nanoserver|windows)/.test(token)) return 'windows';
    }
  }
  return undefined;
}

/** Tag -> base for one version of a library file (the 2016+ RFC 2822 format). */
function parseLibrary(text) {
  const tags = new Map();
  for (const block of text.split(/\n\s*\n/)) {
    const field = (name) => (new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(block)?.[1] ?? '').split(',').map((word) => word.trim()).filter(Boolean);
    const own = field('Tags');
    if (own.length === 0) continue;
    const base = baseOf([...field('Directory'), ...own]);
    if (!base || base === 'windows') continue;
    for (const tag of [...own, ...field('SharedTags')]) if (!tags.has(tag)) tags.set(tag, base);
  }
  return tags;
}

/** The key a tag's history is kept under: its version (`3.12.3`, `3.7`, `22`) and whether it is an Alpine tag. */
function keyOf(tag) {
  const tokens = tag.split('-');
  if (!/^\d+(\.\d+){0,2}$/.test(tokens[0])) return undefined;
  // A tag that names its base (`3.12.3-alpine3.19`, `3.12-slim-bookworm`) needs no history.
  if (tokens.slice(1).some((token) => CODENAMES[token] || /^alpine\d/.test(token))) return undefined;
  if (tokens.slice(1).some((token) => /^(rc|beta|alpha|windowsservercore|nanoserver)/.test(token))) return undefined;
  return { version: tokens[0], family: tokens.includes('alpine') ? 'alpine' : 'debian' };
}

function derive(clone, repository) {
  const git = (...args) => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const commits = git('log', '--reverse', '--format=%H %cs', '--', `library/${repository}`).trim().split('\n').map((line) => line.split(' '));
  const history = {};
  let last;
  for (const [commit, date] of commits) {
    let text;
    try {
      text = git('show', `${commit}:library/${repository}`);
    } catch {
      continue; // deleted in that commit
    }
    last = { commit, date, keys: new Set() };
    for (const [tag, base] of parseLibrary(text)) {
      const key = keyOf(tag);
      if (!key) continue;
      const entry = (history[key.version] ??= {});
      const bases = (entry[key.family] ??= []);
      if (bases[bases.length - 1] !== base && !bases.includes(base)) bases.push(base);
      entry.lastSeen = date;
      last.keys.add(key.version);
    }
  }
  for (const [version, entry] of Object.entries(history)) {
    // Still published at the snapshot: the repository's defaults decide, the history only lists bases.
    if (last.keys.has(version)) delete entry.lastSeen;
  }
  return { snapshot: last, history };
}

/** One line per version, so a diff of the data file shows which tags moved. */
function format(out) {
  const lines = ['{', `  "$comment": ${JSON.stringify(out.$comment)},`, '  "repositories": {'];
  const repositories = Object.entries(out.repositories);
  repositories.forEach(([name, entry], index) => {
    lines.push(`    ${JSON.stringify(name)}: {`);
    lines.push(`      "source": ${JSON.stringify(entry.source)},`, `      "asOf": ${JSON.stringify(entry.asOf)},`, `      "status": ${JSON.stringify(entry.status)},`);
    lines.push('      "versions": {');
    const versions = Object.entries(entry.versions);
    versions.forEach(([version, bases], at) => lines.push(`        ${JSON.stringify(version)}: ${JSON.stringify(bases)}${at < versions.length - 1 ? ',' : ''}`));
    lines.push('      }', `    }${index < repositories.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}');
  return `${lines.join('\n')}\n`;
}

function main() {
  const [clone, flag] = process.argv.slice(2);
  if (!clone) {
    console.error('usage: node scripts/knowledge-check-tags.js OFFICIAL_IMAGES_CLONE [--write]');
    process.exit(2);
  }
  const out = {
    $comment: 'Base distribution of every version tag of the official images, in the order the tags had them (derived by scripts/knowledge-check-tags.js from docker-library/official-images library/<repository> git history). `lastSeen`: the date the tag was last published; absent when it still was at the snapshot.',
    repositories: {},
  };
  for (const repository of REPOSITORIES) {
    const { snapshot, history } = derive(clone, repository);
    out.repositories[repository] = {
      source: `docker-library/official-images library/${repository} git history up to ${snapshot.commit.slice(0, 10)}`,
      asOf: snapshot.date,
      status: 'verified',
      versions: history,
    };
  }
  const text = format(out);
  if (flag === '--write') {
    writeFileSync(DATA, text);
    console.log(`wrote ${DATA}`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(DATA, 'utf8');
  } catch {
    // no data yet
  }
  console.log(current === text ? 'tag history: no differences' : 'tag history: differs from data/sqlite-tag-history.json (run with --write to update)');
}

main();
