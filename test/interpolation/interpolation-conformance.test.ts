import { describe, expect, it } from 'vitest';
import { InterpolationPathError, interpolateAtPath } from '../../src/interpolation/path-error';
import {
  interpolate,
  InvalidTemplateError,
  MissingRequiredVariableError,
  parseTemplate,
} from '../../src/interpolation/template';
import type { InterpolationCase } from './conformance-loader';
import { readConformance } from '../conformance';
import { thrownBy } from './conformance-loader';

const cases = readConformance<InterpolationCase[]>('interpolation.json');

/**
 * Cases whose expected error text is compose's `interpolation` package wrapping
 * (it adds the YAML path of the value); they are checked through interpolateAtPath.
 */
const PATH_WRAPPED: Readonly<Record<string, string>> = { 'interp-099': 'servicea.image' };

/** Nothing is skipped; kept so a future skip has to be written down with its reason. */
const SKIPPED: Readonly<Record<string, string>> = {};

const successCases = cases.filter((c) => !c.error && !(c.id in SKIPPED));
const errorCases = cases.filter((c) => c.error && !(c.id in SKIPPED));

function composeText(error: unknown): string {
  if (error instanceof MissingRequiredVariableError) return error.composeMessage;
  if (error instanceof Error) return error.message;
  throw new Error('not an error');
}

describe('interpolation.json conformance', () => {
  it('covers every case of the file', () => {
    expect(cases).toHaveLength(153);
    expect(successCases.length + errorCases.length + Object.keys(SKIPPED).length).toBe(cases.length);
  });

  it.each(successCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(interpolate(c.input, c.env)).toBe(c.expected);
    // A template that interpolates also parses.
    expect(() => parseTemplate(c.input)).not.toThrow();
  });

  it.each(errorCases.map((c) => [c.id, c] as const))('%s fails like compose', (_id, c) => {
    const wrappedPath = PATH_WRAPPED[c.id];
    const error = wrappedPath
      ? thrownBy(() => interpolateAtPath(c.input, c.env, wrappedPath))
      : thrownBy(() => interpolate(c.input, c.env));
    if (wrappedPath) expect(error).toBeInstanceOf(InterpolationPathError);
    else expect(error instanceof InvalidTemplateError || error instanceof MissingRequiredVariableError).toBe(true);
    expect(composeText(error)).toContain(c.error_contains);
  });

  it.each(errorCases.map((c) => [c.id, c] as const))('%s error message reveals no env value', (_id, c) => {
    const error = thrownBy(() => interpolate(c.input, c.env));
    const message = (error as Error).message;
    for (const value of Object.values(c.env)) {
      if (value.length >= 3 && !c.input.includes(value)) expect(message).not.toContain(value);
    }
  });

  const fullMessageCases = errorCases.flatMap((c) => {
    const full = /full message: '(error while interpolating ([^:]+): .*)'/.exec(c.note ?? '');
    return full ? [[c.id, c, full[2], full[1]] as const] : [];
  });

  it.each(fullMessageCases)('%s full message with the YAML path', (_id, c, yamlPath, fullMessage) => {
    const error = thrownBy(() => interpolateAtPath(c.input, c.env, yamlPath));
    expect(error).toBeInstanceOf(InterpolationPathError);
    expect((error as Error).message).toBe(fullMessage);
  });

  it('checks the full compose message of the noted cases', () => {
    expect(fullMessageCases.length).toBeGreaterThanOrEqual(6);
  });
});
