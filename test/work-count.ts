/**
 * Counts the work a synchronous call does, where a quadratic cost shows up, so that a test can
 * compare a parse of N items with one of 4N without timing anything (a timed test fails on a
 * loaded machine; `npm run bench` reports the times). Counted: characters copied by
 * `String#slice`, characters scanned by `String#indexOf` and `String#includes`, items of arrays
 * searched by `find`, `findIndex` and `some` (a lookup in a list of everything met so far), and
 * map entries written (a copy of a mapping writes all of its entries again). Counts, not time.
 */
import { vi } from 'vitest';

export function countWork<T>(run: () => T): { result: T; work: number } {
  let work = 0;
  const { slice, indexOf, includes } = String.prototype;
  vi.spyOn(String.prototype, 'slice').mockImplementation(function (this: string, start?: number, end?: number) {
    const copied = slice.call(this, start, end);
    work += copied.length;
    return copied;
  });
  vi.spyOn(String.prototype, 'indexOf').mockImplementation(function (this: string, search: string, position = 0) {
    const found = indexOf.call(this, search, position);
    work += (found === -1 ? this.length : found + search.length) - Math.max(0, position);
    return found;
  });
  vi.spyOn(String.prototype, 'includes').mockImplementation(function (this: string, search: string, position = 0) {
    work += this.length - Math.max(0, position);
    return includes.call(this, search, position);
  });
  for (const method of ['find', 'findIndex', 'some'] as const) {
    const original = Array.prototype[method] as (...args: unknown[]) => unknown;
    vi.spyOn(Array.prototype, method).mockImplementation(function (this: unknown[], ...args: unknown[]) {
      work += this.length;
      return original.apply(this, args);
    } as never);
  }
  const set = Map.prototype.set;
  vi.spyOn(Map.prototype, 'set').mockImplementation(function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
    work += 1;
    return set.call(this, key, value);
  });
  try {
    const result = run();
    return { result, work };
  } finally {
    vi.restoreAllMocks();
  }
}

/**
 * The work of `run` on `count` items and on four times as many, and their ratio: about four for a
 * linear cost, sixteen for a quadratic one.
 */
export function workGrowth<T>(run: (count: number) => T, count: number): { small: T; large: T; ratio: number } {
  const small = countWork(() => run(count));
  const large = countWork(() => run(4 * count));
  return { small: small.result, large: large.result, ratio: large.work / small.work };
}
