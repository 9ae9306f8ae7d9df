/**
 * Bugs of today's code that the multi-file fuzzer (./project-fuzz.test.ts) finds and that other
 * engineers are fixing under issue 13. A problem matching an entry is counted (the report prints
 * the hits), not failed, so that CI stays green until the fixes are merged.
 *
 * THE LEAD DELETES EACH ENTRY WHEN THE FIX OF ITS ITEM IS MERGED (and this whole list with the last);
 * a property that then fails is a bug the fix missed. Each predicate is as narrow as the bug; the
 * first entry that matches a problem counts it, so the narrower entries come first.
 */
import { kindFromName } from '../../src/kinds';
import type { Problem } from './project-check';
import type { ProjectSpec } from './projects';

export interface KnownBug {
  id: string;
  /** The item of issue 13 whose fix removes it. */
  item: number;
  matches(problem: Problem, spec: ProjectSpec): boolean;
}

const has = (spec: ProjectSpec, prefix: string): boolean => spec.features.some((feature) => feature.startsWith(prefix));

/**
 * The secret a `secret` problem names (MARK and what follows it, or PATH). A value glued to the text
 * after it (`${SEC_VOL}x`) gives a longer token, so the patterns below match secret names as prefixes.
 */
function leaked(problem: Problem): string | undefined {
  if (problem.property !== 'secret') return undefined;
  return /prints (s3cr3t-[A-Za-z0-9_-]*)/.exec(problem.detail)?.[1] ?? (problem.detail.includes("process's PATH") ? 'PATH' : undefined);
}

const leakOf = (problem: Problem, pattern: RegExp): boolean => pattern.test(leaked(problem) ?? '');

/** Projects where one file's services are merged into another's: override, extends file, include, anchors. */
const merged = (spec: ProjectSpec): boolean => has(spec, 'override') || has(spec, 'extendsFrom:other-') || has(spec, 'include:') || has(spec, 'anchors');

/** A CLI finding on a path that leads out of the project (../outside, an absolute path, a link out). */
const OUTSIDE_PATH = /a finding on (?:\S*\/outside\/|out-)/;

export const KNOWN_OPEN_BUGS: KnownBug[] = [
  {
    id: 'edit without replaces (TextEdit.replaces not merged yet)',
    item: 1,
    matches: (problem) => problem.property === 'edit-replaces' && problem.detail.endsWith('edit without replaces'),
  },
  {
    id: 'a YAML escape inside ${...} drops the fallback finding',
    item: 10,
    matches: (problem) => problem.property === 'fallback-reported' && /\((?:double-escaped|continued|single|long)\)/.test(problem.detail),
  },
  {
    id: '--fix leaves the edits of findings on included or extended files (not linted themselves) unapplied',
    item: 1,
    matches: (problem) => {
      const file = /^--fix wrote (\S+) other than its edits say$/.exec(problem.detail)?.[1] ?? /^the CLI after --fix: volume-source-fallback@([^:]+):/.exec(problem.detail)?.[1];
      return (problem.property === 'cli-fix' || problem.property === 'refix') && file !== undefined && kindFromName(file) === undefined;
    },
  },
  {
    id: 'override/extends/include findings and edits filed on the main compose file',
    item: 1,
    matches: (problem, spec) =>
      merged(spec) &&
      (['range', 'edit-span', 'refix', 'fallback-reported'].includes(problem.property) ||
        (problem.property === 'positions' && problem.detail.startsWith('after fix')) ||
        (problem.property === 'cli-fix' && /other than its edits say|has no fixable finding|outside its edits/.test(problem.detail))),
  },
  {
    id: 'files outside the project read (symlinked .env, env_file, include, extends, /proc/self/environ)',
    item: 2,
    matches: (problem, spec) =>
      leakOf(problem, /^(?:s3cr3t-outside(?!-walk)|PATH$)/) ||
      (problem.property === 'cli-outside' && OUTSIDE_PATH.test(problem.detail)) ||
      // The CLI interpolates with the outside .env's values, so its findings and fixes differ from the project's own.
      (has(spec, 'dotenv:linked-outside') && (problem.property === 'refix' || (problem.property === 'cli-fix' && /other than its edits say|has no fixable finding/.test(problem.detail)))),
  },
  {
    id: 'the walk follows rootlink -> ../outside',
    item: 8,
    matches: (problem, spec) =>
      has(spec, 'rootlink') &&
      (leakOf(problem, /^s3cr3t-outside/) || (problem.property === 'cli-outside' && problem.detail.includes('rootlink/')) || (problem.property === 'cli-fix' && problem.detail.includes('outside/'))),
  },
  {
    id: 'values from .env, env_file or the API env in messages',
    item: 3,
    matches: (problem) => leakOf(problem, /^s3cr3t-(?:data|tgt|sub|vol|inc|ext|ef|ctx|Dockerfile|name|image|url|app-env|cmd(?!-url|-list))/),
  },
  {
    id: 'credentials in URLs of command:, ENV and ARG printed',
    item: 4,
    matches: (problem) => leakOf(problem, /^s3cr3t-(?:cmd-url|cmd-list|arg|env-url)/),
  },
];
