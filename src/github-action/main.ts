/**
 * The GitHub Action (action.yml, `runs: using: node24`): the runner starts this file's bundle,
 * action/index.cjs, committed to the repository, with the node it ships. Nothing is installed or
 * built per run, so the step works whatever the job sets (NODE_ENV=production skipped the dev
 * dependencies the old `npm ci` build needed), inside `container:` jobs (the runner mounts the
 * action and its node into the container) and in well under a second on a warm runner.
 *
 * Inputs arrive as INPUT_<NAME> environment variables (upper case, spaces as `_`, hyphens kept),
 * outputs go to the file $GITHUB_OUTPUT names. Inputs are handed to litelint as arguments, never
 * through a shell, so no input can inject a command. scripts/bundle-action.js writes the bundle;
 * test/integrations/action.test.ts fails when it is stale.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run, writeAll } from '../main';

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * The action's own directory: $GITHUB_ACTION_PATH as the runner gives it (inside a container job
 * it is the container's path), else the directory above this bundle.
 */
function actionPath(env: NodeJS.ProcessEnv): string {
  const given = env.GITHUB_ACTION_PATH;
  if (given && existsSync(join(given, 'action.yml'))) return given;
  return resolve(__dirname, '..');
}

/** Runs the action; returns the step's exit code. */
export function runAction(io: ActionIo): number {
  const { env } = io;
  const output = (name: string, value: string | number): void => {
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  };
  const cwd = resolve(io.cwd, input(env, 'working-directory') || '.');
  const paths = input(env, 'paths').split(/\s+/).filter(Boolean);
  if (paths.length === 0) paths.push('.');
  const format = input(env, 'format') || 'github';
  const failLevel = input(env, 'fail-level') || 'error';
  const sarifFile = input(env, 'sarif-file');
  const config = input(env, 'config');
  const common = config ? ['--config', config] : [];
  const threshold = failLevel === 'warning' ? ['--max-warnings', '0'] : [];
  if (!['error', 'warning', 'never'].includes(failLevel)) {
    io.stdout(`::error title=litelint::fail-level must be error, warning or never, not '${failLevel.replace(/[\r\n%]/g, ' ')}'\n`);
    output('exit-code', 2);
    return 2;
  }
  const litelint = (args: string[]): number =>
    run(args, { cwd, stdout: io.stdout, stderr: io.stderr, readStdin: () => 0, isTty: false, env });
  if (sarifFile) {
    const status = litelint([...common, '--format', 'sarif', '--output', sarifFile, '--', ...paths]);
    if (status >= 2) {
      output('exit-code', status);
      return status;
    }
    output('sarif-file', sarifFile);
  }
  const matcher = join(actionPath(env), '.github', 'litelint-problem-matcher.json');
  if (format === 'gnu') io.stdout(`::add-matcher::${matcher}\n`);
  const status = litelint([...common, '--format', format, ...threshold, '--', ...paths]);
  if (format === 'gnu') io.stdout('::remove-matcher owner=litelint::\n');
  output('exit-code', status);
  return status === 1 && failLevel === 'never' ? 0 : status;
}

export function main(): void {
  process.exitCode = runAction({ env: process.env, cwd: process.cwd(), stdout: (text) => writeAll(1, text), stderr: (text) => writeAll(2, text) });
}
