/**
 * YAML streams read as compose-go (go-yaml v3) reads them: many documents in linear work, and the
 * corners where the `yaml` library and go-yaml differ (issue 13, items 7 and 14). At the level a
 * user sees: `lint()`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/index';
import { positions } from '../helpers';

/** A Kamal config whose app volume holds a SQLite database: a warning at 7:5. */
const KAMAL = [
  'service: app',
  'image: org/app',
  'servers:',
  '  web:',
  '    - 192.0.2.10',
  'volumes:',
  '  - "app_storage:/rails/storage"',
  'env:',
  '  clear:',
  '    DATABASE_URL: sqlite3:///rails/storage/production.sqlite3',
];
const BAD_VOLUME = '      - ${DATA:-./data}:/data\n';

/** A compose file of `count` documents, each adding its own key; the last one holds a finding. */
function manyDocuments(count: number): string {
  let text = 'services:\n  app:\n    image: x\n';
  for (let i = 0; i < count; i++) text += `---\nx-k${i}: ${i}\n`;
  return `${text}---\nservices:\n  app:\n    volumes:\n${BAD_VOLUME}`;
}

/**
 * Work done by a lint of `text`, counted where a quadratic cost shows: characters of searches that
 * start at the beginning of a string (a whole-text scan), items of arrays searched (a lookup in a
 * list of everything met so far), and map entries written (a copy of a merged mapping writes all
 * of its entries again). Counts, not time.
 */
function workOf(text: string, path = 'compose.yaml'): { work: number; findings: string[] } {
  let work = 0;
  const includes = String.prototype.includes;
  const set = Map.prototype.set;
  vi.spyOn(String.prototype, 'includes').mockImplementation(function (this: string, search: string, position?: number) {
    if (position === undefined) work += this.length;
    return includes.call(this, search, position);
  });
  const find = Array.prototype.find;
  vi.spyOn(Array.prototype, 'find').mockImplementation(function (this: unknown[], ...args: Parameters<unknown[]['find']>) {
    work += this.length;
    return find.apply(this, args);
  });
  vi.spyOn(Map.prototype, 'set').mockImplementation(function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
    work += 1;
    return set.call(this, key, value);
  });
  try {
    const findings = positions(lint([{ path, text }]).findings);
    return { work, findings };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('a YAML stream of many documents', () => {
  afterEach(() => vi.restoreAllMocks());

  it('costs work in proportion to its documents, not their square', () => {
    const small = workOf(manyDocuments(400));
    const large = workOf(manyDocuments(1600));
    const lastLine = 3 + 2 * 1600 + 5;
    expect(large.findings).toEqual([`volume-source-fallback@${lastLine}:9`]);
    expect(small.findings).toEqual([`volume-source-fallback@${3 + 2 * 400 + 5}:9`]);
    // Four times the documents: about four times the work (a quadratic cost gives sixteen).
    expect(large.work / small.work).toBeLessThan(5);
  });

  it('costs work in proportion to its documents in a Kamal file too', () => {
    const kamal = (count: number) => `${KAMAL.join('\n')}\n${'---\nx: <%= 1 %>\n'.repeat(count)}`;
    const small = workOf(kamal(400), 'config/deploy.yml');
    const large = workOf(kamal(1600), 'config/deploy.yml');
    expect(small.findings).toEqual(['shared-volume-overlap@7:5']);
    expect(large.findings).toEqual(['shared-volume-overlap@7:5']);
    expect(large.work / small.work).toBeLessThan(5);
  });
});

/** `rule@line:column` of the findings of one compose file, with the parse-error's message. */
function lintCompose(text: string): { found: string[]; messages: string[] } {
  const findings = lint([{ path: 'compose.yaml', text }]).findings;
  return { found: positions(findings), messages: findings.map((finding) => finding.message) };
}

describe('a Kamal role of many hosts', () => {
  it('costs work in proportion to its hosts', () => {
    const withHosts = (count: number) => {
      const lines = [...KAMAL];
      lines.splice(4, 1, ...Array.from({ length: count }, (_, i) => `    - 10.0.${i >> 8}.${i & 255}`));
      return lines.join('\n');
    };
    const small = workOf(withHosts(300), 'config/deploy.yml');
    const large = workOf(withHosts(1200), 'config/deploy.yml');
    // One finding for the volume, one for each host after the first (the data splits).
    expect(small.findings).toHaveLength(300);
    expect(large.findings).toHaveLength(1200);
    expect(large.work / small.work).toBeLessThan(5);
  });
});

describe('YAML read as go-yaml reads it', () => {
  it('refuses a duplicate key inside a complex key, at the second key', () => {
    const text = 'services:\n  app:\n    image: x\n    labels:\n      ? {a: 1, a: 2}\n      : x\n';
    expect(lintCompose(text)).toEqual({ found: ['parse-error@5:16'], messages: ['Map keys must be unique: "a" is defined twice'] });
    const nested = 'services:\n  app:\n    image: x\n    labels:\n      ? [{b: 1}, {c: {d: 1, d: 2}}]\n      : x\n';
    expect(lintCompose(nested).found).toEqual(['parse-error@5:29']);
  });

  it('honours a merge key tagged !!merge, and not a quoted "<<"', () => {
    const base = 'x-data: &data\n  volumes:\n    - ${DATA:-./data}:/data\nservices:\n  app:\n    image: x\n';
    expect(lintCompose(`${base}    !!merge <<: *data\n`).found).toEqual(['volume-source-fallback@3:7']);
    expect(lintCompose(`${base}    !!merge "<<": *data\n`).found).toEqual(['volume-source-fallback@3:7']);
    expect(lintCompose(`${base}    <<: *data\n`).found).toEqual(['volume-source-fallback@3:7']);
    expect(lintCompose(`${base}    "<<": *data\n`).found).toEqual([]);
    // go-yaml compares a merge key's text with the other keys' like any key's (the position is the key's text, after its tag).
    expect(lintCompose(`${base}    <<: *data\n    !!merge <<: *data\n`).found).toEqual(['parse-error@8:13']);
  });

  it('refuses an alias whose anchor is not defined before it, at the alias', () => {
    expect(lintCompose('services:\n  app:\n    image: x\n    volumes: *nope\n')).toEqual({
      found: ['parse-error@4:14'],
      messages: ["unknown anchor 'nope' referenced"],
    });
    expect(lintCompose('services:\n  app:\n    image: x\n    volumes: *later\nx-later: &later\n  - ./data:/data\n').found).toEqual(['parse-error@4:14']);
  });

  it('reads a lone CR as a line break, with positions on the lines an editor shows', () => {
    const lines = ['services:', '  app:', '    image: x', '    volumes:', '      - ${DATA:-./data}:/data', ''];
    expect(lintCompose(lines.join('\r')).found).toEqual(['volume-source-fallback@5:9']);
    // Mixed breaks: each of `\n`, `\r\n` and a lone `\r` ends one line.
    const mixed = `${lines[0]}\r\n${lines[1]}\r${lines[2]}\n${lines[3]}\r${lines[4]}\r\n`;
    expect(lintCompose(mixed).found).toEqual(['volume-source-fallback@5:9']);
    // In a quoted scalar a lone CR folds like any line break.
    const quoted = 'services:\r  app:\r    image: x\r    volumes:\r      - "${DATA:-./data}:\r        /data"\r';
    expect(lintCompose(quoted).found).toEqual(['volume-source-fallback@5:10']);
  });

  it('reads a lone CR as a line break in a Kamal file', () => {
    const findings = lint([{ path: 'config/deploy.yml', text: `${KAMAL.join('\r')}\r` }]).findings;
    expect(positions(findings)).toEqual(['shared-volume-overlap@7:5']);
  });
});
