/**
 * The litelint program: the CLI (./cli.ts) with the rules litelint ships (rules/index.ts). The
 * bundle's entry point, and the one place the CLI side meets rules/.
 */
import { registry } from '../rules';
import * as cli from './cli';

export { writeAll } from './cli';

/** Runs the command line with the shipped rules; returns the exit code. Never throws. */
export function run(argv: string[], io: cli.Io): number {
  return cli.run(argv, io, registry);
}

export function main(): void {
  cli.main(registry);
}
