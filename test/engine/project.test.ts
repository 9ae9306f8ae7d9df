import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rule-api';
import { lint } from '../../src/index';

/** Runs one rule that records what the project model links, and returns what it saw. */
function linkedDockerfiles(files: { path: string; text: string }[], readFile?: (path: string) => string | undefined): string[] {
  const seen: string[] = [];
  const probe: Rule = {
    meta: { id: 'probe', defaultSeverity: 'info', description: 'test', kinds: ['compose', 'kamal'] },
    check({ project }) {
      for (const compose of project.composeFiles) {
        for (const service of compose.services) {
          const dockerfile = project.dockerfileForService(compose, service);
          seen.push(`${service.name} -> ${dockerfile ? `${dockerfile.file.path} (FROM ${dockerfile.stages[0]?.baseImage.value})` : 'none'}`);
        }
      }
      for (const kamal of project.kamalConfigs) {
        const dockerfile = project.dockerfileForKamal(kamal);
        seen.push(`kamal -> ${dockerfile ? dockerfile.file.path : 'none'}`);
      }
    },
  };
  lint(files, { rules: [probe], readFile });
  return seen;
}

describe('project links deploy files to the Dockerfiles they build', () => {
  it('resolves compose build context and dockerfile relative to the compose file', () => {
    const compose = [
      'services:',
      '  web:',
      '    build: ./web',
      '  worker:',
      '    build:',
      '      context: ../shared',
      '      dockerfile: docker/Worker.Dockerfile',
      '  db:',
      '    image: postgres:16',
      '  remote:',
      '    build: https://github.com/example/repo.git',
      '',
    ].join('\n');
    const seen = linkedDockerfiles([
      { path: 'deploy/compose.yaml', text: compose },
      { path: 'deploy/web/Dockerfile', text: 'FROM python:3.12-slim\n' },
      { path: 'shared/docker/Worker.Dockerfile', text: 'FROM node:22\n' },
    ]);
    expect(seen).toEqual([
      'web -> deploy/web/Dockerfile (FROM python:3.12-slim)',
      'worker -> shared/docker/Worker.Dockerfile (FROM node:22)',
      'db -> none',
      'remote -> none',
    ]);
  });

  it('reads a Dockerfile that is not linted through readFile, and Kamal from the project root', () => {
    const seen = linkedDockerfiles(
      [{ path: 'app/config/deploy.yml', text: 'service: shop\nimage: shop\nservers: [10.0.0.1]\nbuilder:\n  dockerfile: Dockerfile.prod\n' }],
      (path) => (path === 'app/Dockerfile.prod' ? 'FROM ruby:3.3\n' : undefined),
    );
    expect(seen).toEqual(['kamal -> app/Dockerfile.prod']);
  });
});

/** Runs one rule that hands back the project (and facts) it was given. */
function projectSeen(files: { path: string; text: string }[], readFile?: (path: string) => string | undefined) {
  let seen: Parameters<Rule['check']>[0] | undefined;
  const probe: Rule = {
    meta: { id: 'probe', defaultSeverity: 'info', description: 'test', kinds: ['compose', 'kamal', 'dockerfile'] },
    check(context) {
      seen = context;
    },
  };
  const result = lint(files, { rules: [probe], readFile });
  if (!seen) throw new Error('the probe rule did not run');
  return { context: seen, findings: result.findings };
}

describe('the finished project model', () => {
  it('links a service to its build context, Dockerfile and target, and a volume to its declaration', () => {
    const compose = [
      'services:',
      '  web:',
      '    build:',
      '      context: ..',
      '      dockerfile: docker/web.Dockerfile',
      '      target: runtime',
      '    volumes:',
      '      - appdata:/data',
      '      - ./logs:/logs',
      'volumes:',
      '  appdata: {}',
      '',
    ].join('\n');
    const { context } = projectSeen([
      { path: 'deploy/compose.yaml', text: compose },
      { path: 'docker/web.Dockerfile', text: 'FROM python:3.12-slim AS runtime\n' },
    ]);
    const [composeModel] = context.project.composeFiles;
    const [web] = composeModel.services;
    const build = context.project.buildOf(composeModel, web);
    expect(build && { contextDir: build.contextDir, dockerfilePath: build.dockerfilePath, target: build.target, at: build.at.range.start.line }).toEqual({
      contextDir: '',
      dockerfilePath: 'docker/web.Dockerfile',
      target: 'runtime',
      at: 5,
    });
    expect(build?.dockerfile).toBe(context.project.dockerfiles[0]);
    expect(context.project.buildersOf(context.project.dockerfiles[0]).services.map(({ service }) => service.name)).toEqual(['web']);
    expect(web.volumes.map((volume) => context.project.volumeDeclaration(composeModel, volume)?.name)).toEqual(['appdata', undefined]);
  });

  it('links a Kamal builder to its context and Dockerfile from the project root', () => {
    const { context } = projectSeen(
      [{ path: 'app/config/deploy.yml', text: 'service: shop\nimage: shop\nservers: [10.0.0.1]\nbuilder:\n  context: web\n  dockerfile: docker/Dockerfile.prod\n' }],
      (path) => (path === 'app/docker/Dockerfile.prod' ? 'FROM ruby:3.3\n' : undefined),
    );
    const build = context.project.buildOfKamal(context.project.kamalConfigs[0]);
    expect(build && { contextDir: build.contextDir, dockerfilePath: build.dockerfilePath, from: build.dockerfile?.stages[0]?.baseImage.value }).toEqual({
      contextDir: 'app/web',
      dockerfilePath: 'app/docker/Dockerfile.prod',
      from: 'ruby:3.3',
    });
  });

  it('reports a parse error of a built Dockerfile that is not linted itself, at its position', () => {
    const { findings } = projectSeen([{ path: 'compose.yaml', text: 'services:\n  web:\n    build: .\n' }], (path) =>
      path === 'Dockerfile' ? 'FROM python:3.12-slim\nCOPY app.py\n' : undefined,
    );
    expect(findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`)).toEqual([
      'parse-error Dockerfile:2:1-2:5',
    ]);
  });

  it('reports a Dockerfile a build names that does not exist on the line that names it', () => {
    const compose = 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.prod\n  worker:\n    build: ./worker\n';
    const { findings } = projectSeen([{ path: 'compose.yaml', text: compose }], () => undefined);
    expect(findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.message}`)).toEqual([
      'parse-error compose.yaml:5:19-5:34 builds Dockerfile.prod, which does not exist; the image it builds was not checked',
      'parse-error compose.yaml:7:12-7:20 builds worker/Dockerfile, which does not exist; the image it builds was not checked',
    ]);
  });

  it('hands rules a frozen project that reads nothing: every built Dockerfile was read before the first rule ran', () => {
    const reads: string[] = [];
    let readsBeforeRules: string[] = [];
    const probe: Rule = {
      meta: { id: 'probe', defaultSeverity: 'info', description: 'test', kinds: ['compose'] },
      check({ project }) {
        readsBeforeRules = [...reads];
        expect(Object.isFrozen(project)).toBe(true);
        expect('readFile' in project).toBe(false);
        expect('parseDockerfileAt' in project).toBe(false);
        expect(project.dockerfileForService(project.composeFiles[0], project.composeFiles[0].services[0])?.file.path).toBe('web/Dockerfile');
      },
    };
    lint([{ path: 'compose.yaml', text: 'services:\n  web:\n    build: ./web\n' }], {
      rules: [probe],
      readFile: (path) => {
        reads.push(path);
        return path === 'web/Dockerfile' ? 'FROM node:22\n' : undefined;
      },
    });
    expect(readsBeforeRules).toContain('web/Dockerfile');
    expect(reads.filter((path) => path === 'web/Dockerfile')).toHaveLength(1);
  });

  it('reads each evidence file once per run through the facts, however many rules ask', () => {
    const reads: string[] = [];
    const lockfileReads = () => reads.filter((path) => path === 'package-lock.json').length;
    const files = [
      { path: 'compose.yaml', text: 'services:\n  web:\n    build: .\n    volumes: [data:/data]\nvolumes: {data: {}}\n' },
      { path: 'Dockerfile', text: 'FROM node:22-slim\nCOPY package-lock.json ./\nRUN npm ci\n' },
    ];
    const readFile = (path: string) => {
      reads.push(path);
      return path === 'package-lock.json' ? '{"packages": {"node_modules/better-sqlite3": {"version": "12.8.0"}}}\n' : undefined;
    };
    lint(files, { readFile });
    expect(lockfileReads()).toBe(1);
    // A second run reads it again: nothing is cached beyond the run.
    lint(files, { readFile });
    expect(lockfileReads()).toBe(2);
  });
});

describe('no module keeps per-project state', () => {
  it('has no cache keyed by the project in src/', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '../../src');
    const offenders: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (entry.name.endsWith('.ts') && /new (?:Weak)?Map<\s*(?:Project|ProjectFiles)\b/.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    visit(root);
    expect(offenders).toEqual([]);
  });
});
