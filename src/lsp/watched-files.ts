import type { FileSystemWatcher } from 'vscode-languageserver';

/**
 * The files whose change on disk (a git checkout, a package manager rewriting its lockfile) can
 * change a finding: the deploy files litelint lints, the evidence its readers take (lockfiles and
 * manifests, `config/database.yml`, `.env` files), its own configuration and the `.gitignore` files
 * that decide what it walks. The server asks the
 * client to watch them, because a file nobody opened otherwise never reaches it.
 */
export const WATCHED_GLOBS: readonly string[] = [
  '**/Dockerfile*',
  '**/*.Dockerfile',
  '**/compose*.{yml,yaml}',
  '**/docker-compose*.{yml,yaml}',
  '**/config/deploy*.yml',
  '**/config/database.yml',
  '**/requirements*.txt',
  '**/pyproject.toml',
  '**/poetry.lock',
  '**/uv.lock',
  '**/Pipfile.lock',
  '**/package.json',
  '**/package-lock.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lock',
  '**/go.mod',
  '**/Cargo.*',
  '**/Gemfile.lock',
  '**/composer.json',
  '**/composer.lock',
  '**/.env*',
  '**/.litelint.{yaml,yml}',
  // Which files the walk lists.
  '**/.gitignore',
];

export function fileWatchers(): FileSystemWatcher[] {
  return WATCHED_GLOBS.map((globPattern) => ({ globPattern }));
}
