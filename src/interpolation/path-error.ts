/**
 * Interpolation of one value of a compose file, with errors worded as compose's
 * `interpolation` package words them (it prefixes the YAML path of the value).
 */
import type { Env } from './template';
import { interpolate, InvalidTemplateError, MissingRequiredVariableError } from './template';

export class InterpolationPathError extends Error {
  constructor(
    /** Dotted YAML path of the value, e.g. `services.web.image`. */
    readonly path: string,
    readonly templateError: InvalidTemplateError | MissingRequiredVariableError,
  ) {
    super(describeAtPath(path, templateError));
    this.name = 'InterpolationPathError';
  }

  /** Offset of the failing '$' within the value's text. */
  get offset(): number {
    return this.templateError.offset;
  }
}

function describeAtPath(path: string, error: InvalidTemplateError | MissingRequiredVariableError): string {
  if (error instanceof InvalidTemplateError) {
    return `invalid interpolation format for ${path}.\nYou may need to escape any $ with another $.\n${error.template}`;
  }
  return `error while interpolating ${path}: ${error.message}`;
}

export function interpolateAtPath(input: string, env: Env, path: string): string {
  try {
    return interpolate(input, env);
  } catch (error) {
    if (error instanceof InvalidTemplateError || error instanceof MissingRequiredVariableError) {
      throw new InterpolationPathError(path, error);
    }
    throw error;
  }
}
