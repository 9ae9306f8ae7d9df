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
