import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import { applyEdits } from '../../src/fix';
import { SourceFile } from '../../src/source';
import { positions } from '../helpers';

function lintCompose(text: string, path = 'compose.yaml') {
  return lint([{ path, text }]).findings.filter((finding) => finding.rule === 'volume-source-fallback');
}

function fixed(text: string): string {
  const findings = lintCompose(text);
  const source = new SourceFile('compose.yaml', text, 'compose');
  return (source.bom ? '\uFEFF' : '') + applyEdits(source.text, findings.flatMap((finding) => finding.fix ?? []));
}

describe('volume-source-fallback: fires', () => {
  it('on the incident: ${VAR:-./dir} in a short-syntax source, at the ${', () => {
    const findings = lintCompose('services:\n  memory-hall:\n    image: mh\n    volumes:\n      - ${MEMHALL_DATA_DIR:-./mh-data}:/data\n');
    expect(positions(findings)).toEqual(['volume-source-fallback@5:9']);
    expect(findings[0]).toMatchObject({ severity: 'error', endLine: 5, endColumn: 39 });
    expect(findings[0].message).toContain('MEMHALL_DATA_DIR');
    expect(findings[0].message).toContain("'./mh-data'");
    expect(findings[0].help).toContain('${MEMHALL_DATA_DIR:?MEMHALL_DATA_DIR must point at the data directory}');
  });

  it('on ${VAR-x} and ${VAR:-} (empty default)', () => {
    const findings = lintCompose('services:\n  a:\n    image: x\n    volumes:\n      - "${A-./a}:/a"\n      - ${B:-}:/b\n');
    expect(positions(findings)).toEqual(['volume-source-fallback@5:10', 'volume-source-fallback@6:9']);
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'error']);
    expect(findings[1].message).toContain('empty');
  });

  it('on a long-syntax source', () => {
    const text = 'services:\n  a:\n    image: x\n    volumes:\n      - type: bind\n        source: ${DATA:-./data}\n        target: /data\n';
    expect(positions(lintCompose(text))).toEqual(['volume-source-fallback@6:17']);
  });

  it('on a nested fallback, once, at the outer ${', () => {
    const findings = lintCompose('services:\n  a:\n    image: x\n    volumes:\n      - ${A:-${B:-./x}}:/data\n');
    expect(positions(findings)).toEqual(['volume-source-fallback@5:9']);
  });

  it("on a local bind volume's driver_opts.device", () => {
    const text = 'services:\n  a:\n    image: x\n    volumes: [data:/data]\nvolumes:\n  data:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: ${DATA_DIR:-./data}\n';
    expect(positions(lintCompose(text))).toEqual(['volume-source-fallback@11:15']);
  });

  it('warns on ${VAR} and $VAR without a default', () => {
    const findings = lintCompose('services:\n  a:\n    image: x\n    volumes:\n      - ${DATA}:/data\n      - $CACHE/c:/cache\n');
    expect(positions(findings)).toEqual(['volume-source-fallback@5:9', 'volume-source-fallback@6:9']);
    expect(findings.map((finding) => finding.severity)).toEqual(['warning', 'warning']);
  });

  it('through an anchor: reports where the text is written', () => {
    const text = 'x-data: &data ${DATA:-./d}:/data\nservices:\n  a:\n    image: x\n    volumes:\n      - *data\n';
    expect(positions(lintCompose(text))).toEqual(['volume-source-fallback@1:15']);
  });

  it('in flow style', () => {
    const text = 'services:\n  a: {image: x, volumes: ["${D:-./d}:/d", "./ok:/ok"]}\n';
    expect(positions(lintCompose(text))).toEqual(['volume-source-fallback@2:28']);
  });

  it('through CRLF line ends and a BOM', () => {
    const text = '\uFEFFservices:\r\n  a:\r\n    image: x\r\n    volumes:\r\n      - ${D:-./d}:/d\r\n';
    expect(positions(lintCompose(text))).toEqual(['volume-source-fallback@5:9']);
  });
});

describe('volume-source-fallback: stays quiet', () => {
  it.each([
    ['the required form', '      - ${DATA:?set DATA}:/data\n'],
    ['a fallback in the target', '      - ./data:${TARGET:-/data}\n'],
    ['a $$ escape', '      - ./$${NOT_A_VAR:-x}:/data\n'],
    ['a named volume', '      - appdata:/data\n'],
    ['a fixed path', '      - /srv/app/data:/data\n'],
  ])('on %s', (_name, volumeLine) => {
    const text = `services:\n  a:\n    image: x\n    volumes:\n${volumeLine}volumes:\n  appdata: {}\n`;
    expect(lintCompose(text)).toEqual([]);
  });

  it('on environment, command and labels', () => {
    const text =
      'services:\n  a:\n    image: x\n    environment:\n      DB: ${DB:-sqlite:///app.db}\n    command: run --dir ${DIR:-/x}\n    labels:\n      x: ${L:-y}\n';
    expect(lintCompose(text)).toEqual([]);
  });

  it('on a device of a volume that is not a local bind', () => {
    const text = 'services:\n  a:\n    image: x\nvolumes:\n  nfs:\n    driver_opts:\n      type: nfs\n      o: addr=10.0.0.1\n      device: ${NFS_PATH:-:/export}\n';
    expect(lintCompose(text)).toEqual([]);
  });
});

describe('volume-source-fallback: --fix', () => {
  it('rewrites exactly the expression bytes to the :? form', () => {
    const text = 'services:\r\n  a:\r\n    image: x # keep\r\n    volumes:\r\n      - ${DATA:-./d}:/data   # trailing\r\n';
    expect(fixed(text)).toBe(
      'services:\r\n  a:\r\n    image: x # keep\r\n    volumes:\r\n      - ${DATA:?DATA must point at the data directory}:/data   # trailing\r\n',
    );
  });

  it('keeps a BOM and fixes several expressions in one file', () => {
    const text = '\uFEFFservices:\n  a:\n    image: x\n    volumes:\n      - ${A-./a}:/a\n      - "${B}:/b"\n';
    expect(fixed(text)).toBe(
      '\uFEFFservices:\n  a:\n    image: x\n    volumes:\n      - ${A:?A must point at the data directory}:/a\n      - "${B:?B must point at the data directory}:/b"\n',
    );
  });

  it('leaves a file without findings byte for byte', () => {
    const text = 'services:\n  a:\n    image: x\n    volumes:\n      - ${A:?x}:/a\n';
    expect(fixed(text)).toBe(text);
  });
});
