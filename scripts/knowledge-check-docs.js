#!/usr/bin/env node
'use strict';
/**
 * Regenerates the "## The data" section of docs/knowledge-base.md from data/ (maintainer command):
 *   node scripts/knowledge-check-docs.js [--write]
 * Without --write it says whether the section is current.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const data = JSON.parse(readFileSync(join(root, 'data', 'sqlite-knowledge.json'), 'utf8'));
const history = JSON.parse(readFileSync(join(root, 'data', 'sqlite-tag-history.json'), 'utf8'));
const DOC = join(root, 'docs', 'knowledge-base.md');

const own = (table) => Object.entries(table).filter(([key]) => !key.startsWith('$'));
const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const withNote = (entry) => `${entry.source}${entry.note ? `. Note: ${entry.note}` : ''}`;
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');

function section() {
  const out = ['## The data (generated from `data/sqlite-knowledge.json` by `node scripts/knowledge-check-docs.js --write`)', ''];
  out.push('### Fact families', '', table(['Family', 'As of'], own(data.asOfByFamily ?? {}).map(([family, date]) => [family, date])), '');
  out.push('### Distributions', '', table(['id', 'Release', 'Package', 'SQLite', 'Fixed from revision', 'End of life', 'Status', 'Source', 'As of'],
    own(data.distros).map(([id, d]) => [`\`${id}\``, d.name, `\`${d.package}\` ${d.packageVersion ?? ''}`, d.sqlite, d.fixedFromRevision ?? '', d.endOfLife ?? '', d.status ?? '', withNote(d), d.asOf])), '');
  const defaults = (r) => {
    const parts = [];
    if (r.defaultDistro) parts.push(r.defaultDistro);
    for (const [key, value] of Object.entries(r.defaultDistroByVersion ?? {})) parts.push(`${key} → ${value}`);
    for (const [key, value] of Object.entries(r.tags ?? {})) parts.push(`${key} → ${value}`);
    if (r.versionedTags) parts.push('tags are Alpine releases');
    let text = parts.join(', ');
    if (r.alpineDefault) text += `; \`-alpine\` → ${r.alpineDefault}`;
    return text;
  };
  out.push('### Image repositories', '', table(['Repository', 'Runtime', 'Default distro', 'Source', 'As of'],
    own(data.repositories).map(([key, r]) => [`\`${key}\``, r.runtime, defaults(r), withNote(r), r.asOf])), '');
  out.push('### Tag history (`data/sqlite-tag-history.json`)', '', table(['Repository', 'Version tags', 'Retired', 'Source', 'As of'],
    Object.entries(history.repositories).map(([key, r]) => [`\`${key}\``, Object.keys(r.versions).length, Object.values(r.versions).filter((v) => v.lastSeen).length, r.source, r.asOf])), '');
  out.push('### Runtimes', '', table(['id', 'Runtime', 'SQLite', 'Source', 'As of'],
    own(data.runtimes).map(([id, r]) => [`\`${id}\``, r.name, r.sqlite === 'distro' ? 'loads the system library' : 'bundles its own', r.source, r.asOf])), '');
  out.push('### Drivers that bundle SQLite', '', table(['Driver', 'First fixed', 'Release → bundled SQLite', 'Status', 'Source', 'As of'],
    own(data.drivers).map(([, d]) => [`\`${d.package}\` (${d.ecosystem})`, d.firstFixed ?? 'none known', Object.entries(d.bundled).map(([a, b]) => `${a} → ${b}`).join(', '), d.status ?? '', withNote(d), d.asOf])), '');
  out.push('### Built-in SQLite of Node, Bun and Deno', '', table(['Runtime', 'Fixed releases', 'Release → bundled SQLite', 'End of life', 'Source', 'As of'],
    Object.entries(data.builtins).map(([id, b]) => [id, `\`${b.fixedRange}\``, Object.entries(b.bundled).map(([a, v]) => `${a} → ${v}`).join(', '), Object.entries(b.endOfLife ?? {}).map(([a, v]) => `${a}: ${v}`).join(', '), b.source, b.asOf])), '');
  const rows = [];
  for (const [ecosystem, entries] of Object.entries(data.packages)) {
    if (ecosystem.startsWith('$')) continue;
    for (const [name, p] of own(entries)) {
      const consumer = p.bundledFeatures ? `\`${p.consumer}\` (bundled with ${p.bundledFeatures.map((f) => `\`${f}\``).join(', ')}; otherwise ${p.systemConsumer ? `\`${p.systemConsumer}\`` : 'no evidence'})` : `\`${p.consumer}\``;
      rows.push([ecosystem, `\`${name}\``, consumer, p.driver ? `\`${p.driver}\`` : '', p.status ?? '', p.source, p.asOf]);
    }
  }
  out.push('### Packages that mean SQLite', '', table(['Ecosystem', 'Name', 'Consumer', 'Driver', 'Status', 'Source', 'As of'], rows), '');
  const sys = [];
  for (const [manager, entries] of Object.entries(data.systemPackages)) {
    if (manager.startsWith('$')) continue;
    for (const p of entries) sys.push([manager, `\`${p.name}\``, p.kind, p.consumer ? `\`${p.consumer}\`` : '', p.status ?? '', p.source, p.asOf]);
  }
  out.push('### Distribution packages', '', table(['Manager', 'Name pattern', 'Kind', 'Consumer', 'Status', 'Source', 'As of'], sys), '');
  out.push('### Distribution asserts', '', table(['Entry', 'Distributions', 'RUN line', 'Source', 'As of'],
    own(data.systemAsserts).map(([key, a]) => [key, (a.distros ?? ['(all others)']).join(', '), `\`${a.assert}\``, a.source, a.asOf])), '');
  out.push('### Runtime APIs', '', table(['API', 'Consumer', 'In package.json', 'Status', 'Source', 'As of'],
    own(data.runtimeApis).map(([api, a]) => [`\`${api}\``, `\`${a.consumer}\``, a.packageJson ?? 'not read', a.status ?? '', a.source, a.asOf])));
  return `${out.join('\n')}\n`;
}

const doc = readFileSync(DOC, 'utf8');
const start = doc.indexOf('## The data (generated');
if (start === -1) throw new Error('docs/knowledge-base.md has no "## The data (generated" section');
const next = doc.indexOf('\n## ', start + 3);
const updated = `${doc.slice(0, start)}${section()}${next === -1 ? '' : doc.slice(next)}`;
if (process.argv.includes('--write')) {
  writeFileSync(DOC, updated);
  console.log('wrote docs/knowledge-base.md');
} else {
  console.log(updated === doc ? 'docs/knowledge-base.md: current' : 'docs/knowledge-base.md: out of date (run with --write)');
}
