import { describe, expect, it } from 'vitest';
import { DotenvError, parseDotenv, parseDotenvFiles } from '../../src/interpolation/dotenv';
import type { DotenvConformance } from './conformance-loader';
import { readConformance } from '../conformance';

const data = readConformance<DotenvConformance>('dotenv.json');

/**
 * compose quotes the rest of the offending line in this message, value
 * included; litelint never prints values, so only the part before the line text is checked.
 */
const VALUE_REDACTED: Readonly<Record<string, { contains: string; mustNotContain: string }>> = {
  'dotenv-093': { contains: 'line 1: unexpected character "%" in variable name', mustNotContain: 'foo' },
};

/** Nothing is skipped; kept so a future skip has to be written down with its reason. */
const SKIPPED: Readonly<Record<string, string>> = {};

const singleCases = data.single_file.filter((c) => !(c.id in SKIPPED));

function lookupFrom(env: Record<string, string> | undefined): ((name: string) => string | undefined) | undefined {
  if (!env) return undefined;
  return (name) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);
}

describe('dotenv.json conformance', () => {
  it('covers every case of the file', () => {
    expect(data.single_file).toHaveLength(105);
    expect(data.multiple_files).toHaveLength(2);
    expect(singleCases.length + Object.keys(SKIPPED).length).toBe(105);
  });

  it.each(singleCases.filter((c) => !c.error).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const parsed = parseDotenv(c.env_file_text, lookupFrom(c.lookup_env));
    const actual = Object.fromEntries(parsed);
    if (c.expected_is_subset) expect(actual).toMatchObject(c.expected ?? {});
    else expect(actual).toEqual(c.expected);
    // Where the case records what compose's env-file path really returned, match all of it.
    if (c.verified_actual) expect(actual).toEqual(c.verified_actual);
  });

  it.each(singleCases.filter((c) => c.error).map((c) => [c.id, c] as const))('%s fails', (_id, c) => {
    let caught: unknown;
    try {
      parseDotenv(c.env_file_text, lookupFrom(c.lookup_env));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DotenvError);
    const error = caught as DotenvError;
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    const redacted = VALUE_REDACTED[c.id];
    if (redacted) {
      expect(error.message).toContain(redacted.contains);
      expect(error.message).not.toContain(redacted.mustNotContain);
    } else if (c.error_contains) {
      expect(error.message).toContain(c.error_contains);
    }
  });

  it.each(data.multiple_files.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(Object.fromEntries(parseDotenvFiles(c.env_files, c.os_env))).toEqual(c.expected);
  });
});
