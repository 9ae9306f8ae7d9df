/**
 * The CLI lists a Go package's folder for the import graph (lint()'s listDirectory): a monorepo
 * whose image builds only cmd/server loses the go.mod driver as evidence, and a package folder that
 * is a symlink out of the project is not listed, so go.mod counts as it did before.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFindings, runCli, tempProject } from '../helpers';
import { GO_STORE_WITH_DRIVER, goMonorepo } from '../support/evidence-projects';

const bundled = (cwd: string) => jsonFindings(runCli(['-f', 'json', '.'], { cwd })).filter((finding) => finding.rule === 'bundled-sqlite').map((finding) => `${finding.file}:${finding.line}:${finding.column}`);

describe('Go packages read from disk', () => {
  it('drops go.mod when the built server does not import the driver, and keeps it when it does', () => {
    expect(bundled(tempProject(goMonorepo()))).toEqual([]);
    expect(bundled(tempProject(goMonorepo({ 'internal/store/store.go': GO_STORE_WITH_DRIVER })))).toEqual(['go.mod:7:30']);
  });

  it('does not list a package folder that is a symlink out of the project', () => {
    const outside = mkdtempSync(join(tmpdir(), 'litelint-outside-'));
    try {
      mkdirSync(join(outside, 'server'));
      writeFileSync(join(outside, 'server', 'main.go'), 'package main\n');
      const files = goMonorepo();
      delete files['cmd/server/main.go'];
      const cwd = tempProject(files);
      symlinkSync(join(outside, 'server'), join(cwd, 'cmd', 'server'));
      expect(bundled(cwd)).toEqual(['go.mod:7:30']);
      // Not listed, so its files are never asked for: no outside-project refusal either.
      expect(jsonFindings(runCli(['-f', 'json', '.'], { cwd })).map((finding) => finding.rule)).not.toContain('outside-project');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
