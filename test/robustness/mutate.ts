/**
 * Mutations of a file's bytes, as fast-check arbitraries: byte flips, truncation, insertion of
 * tokens that mean something to YAML, compose interpolation, Dockerfiles or ERB, deletions, line
 * duplication and indentation changes. Positions are drawn as integers and taken modulo the
 * length, so every mutation applies to any file and shrinks towards the start of the file.
 */
import fc from 'fast-check';

export const TOKENS = [
  '${', '}', '${X', '${X:-', '${X:?', '${X:?msg ${SECRET}}', '$$', '$', ':', ': ', '- ', '-', '&a ', '*a', '<<: *a', '<<',
  '\\', '\\\n', '"', "'", '`', '<<EOF\n', '\nEOF\n', '<<-EOT ', 'EOT', '\t', '\n', '\r\n', '\r', ' ', '    ', '#', '# ',
  '# litelint-ignore volume-source-fallback', '# litelint-ignore-file parse-error', '# escape=`\n', '# syntax=docker/dockerfile:1\n',
  '[', ']', '{', '}', '{}', '[]', ',', '?', '|', '>', '!!binary ', '!reset ', '!override ', '!!str ', '%YAML 1.1\n', '---\n',
  '...\n', '<%', '%>', '<%= ', ' %>', '<%# ', '\uFEFF', '\u0000', '\u2028', '\uD800', '😀', 'é', 'FROM ', 'RUN ', 'ARG ',
  'ONBUILD ', 'COPY --from=0 ', 'volumes:\n', 'services:\n', 'include:\n', 'extends: ', '~/', '../', '/dev/null', 'null', '~',
];

export type Mutation =
  | { op: 'flip'; at: number; xor: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; token: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate-line'; line: number }
  | { op: 'indent'; line: number; delta: number; tab: boolean };

const position = fc.nat({ max: 1 << 20 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: position, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('insert' as const), at: position, token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })) }),
  fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ op: fc.constant('duplicate-line' as const), line: position }),
  fc.record({ op: fc.constant('indent' as const), line: position, delta: fc.integer({ min: -6, max: 6 }), tab: fc.boolean() }),
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

function lineBounds(bytes: Buffer, line: number): { start: number; end: number } {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  const index = line % starts.length;
  const start = starts[index];
  const next = index + 1 < starts.length ? starts[index + 1] : bytes.length;
  return { start, end: next };
}

export function applyMutation(bytes: Buffer, mutation: Mutation): Buffer {
  const at = (n: number, inclusiveEnd: boolean): number => (bytes.length === 0 ? 0 : n % (bytes.length + (inclusiveEnd ? 1 : 0)));
  switch (mutation.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = Buffer.from(bytes);
      const i = at(mutation.at, false);
      copy[i] ^= mutation.xor;
      return copy;
    }
    case 'truncate':
      return bytes.subarray(0, at(mutation.at, true));
    case 'insert': {
      const i = at(mutation.at, true);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(mutation.token, 'utf8'), bytes.subarray(i)]);
    }
    case 'delete': {
      const i = at(mutation.at, false);
      return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + mutation.length)]);
    }
    case 'duplicate-line': {
      const { start, end } = lineBounds(bytes, mutation.line);
      return Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)]);
    }
    case 'indent': {
      const { start } = lineBounds(bytes, mutation.line);
      if (mutation.delta >= 0) {
        const pad = Buffer.from((mutation.tab ? '\t' : ' ').repeat(mutation.delta), 'utf8');
        return Buffer.concat([bytes.subarray(0, start), pad, bytes.subarray(start)]);
      }
      let end = start;
      while (end < bytes.length && end - start < -mutation.delta && (bytes[end] === 0x20 || bytes[end] === 0x09)) end++;
      return Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
    }
  }
}

export function applyMutations(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  return mutations.reduce(applyMutation, bytes);
}
