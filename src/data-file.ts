import { readDataFile } from './data-reader';

/**
 * A data file read on first use, so that runs which never ask for it do not pay for parsing it. An
 * embedder without a file system (a browser playground) hands the data in with `set`. Answers derived
 * from the data are cached per data object (a WeakMap keyed by `get()`), so replacing it retires them.
 */
export class DataFile<T extends object> {
  private data: T | undefined;

  constructor(private readonly name: string) {}

  get(): T {
    return (this.data ??= readDataFile<T>(this.name));
  }

  set(data: T): void {
    this.data = data;
  }
}
