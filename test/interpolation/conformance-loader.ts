/** Case types of the interpolation and env-file conformance data, and a helper their tests share. */

export interface InterpolationCase {
  id: string;
  input: string;
  env: Record<string, string>;
  expected?: string;
  error?: boolean;
  error_contains?: string;
  note?: string;
  operator?: string;
}

export interface DotenvCase {
  id: string;
  env_file_text: string;
  lookup_env?: Record<string, string>;
  expected?: Record<string, string>;
  expected_is_subset?: boolean;
  verified_actual?: Record<string, string>;
  error?: boolean;
  error_contains?: string;
  note?: string;
}

export interface DotenvMultiCase {
  id: string;
  env_files: string[];
  os_env: Record<string, string>;
  expected: Record<string, string>;
}

export interface DotenvConformance {
  single_file: DotenvCase[];
  multiple_files: DotenvMultiCase[];
}

/** The error a call throws; fails the test when it throws nothing. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
