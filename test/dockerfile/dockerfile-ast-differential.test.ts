/**
 * dockerfile-ast as a second oracle. litelint's Dockerfile model has its own line scanner (BuildKit's
 * line handling is where dockerfile-ast 0.7.1 goes wrong: see ../shared/conformance/README.md), so
 * every conformance input is also parsed by dockerfile-ast and the two must agree on which
 * instructions there are and on which line each starts, except on the cases where BuildKit itself
 * shows dockerfile-ast to be wrong. There the conformance test holds the model to BuildKit.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { SourceFile } from '../../src/source';
import { readConformance } from '../conformance';

const KNOWN_DOCKERFILE_AST_GAPS: Record<string, string> = {
  'df-031': 'a line ending in an escaped escape (`\\\\`) is not continued in BuildKit (README gap 8)',
  'df-041': 'heredoc fd prefixes and partly quoted names (README gap 7)',
  'df-128': 'a line ending in an escaped escape (`\\\\`) is not continued in BuildKit (README gap 8)',
};

const cases = readConformance<{ cases: { id: string; dockerfile_text?: string }[] }>('dockerfile.json').cases.filter((entry): entry is { id: string; dockerfile_text: string } => typeof entry.dockerfile_text === 'string');

function byDockerfileAst(text: string): string[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((instruction) => `${instruction.getKeyword().toUpperCase()}@${instruction.getRange().start.line + 1}`);
}

function byModel(text: string): string[] {
  return parseDockerfile(new SourceFile('Dockerfile', text, 'dockerfile')).instructions.map(
    (instruction) => `${instruction.keyword}@${instruction.range.start.line}`,
  );
}

describe('Dockerfile model agrees with dockerfile-ast on instructions and their lines', () => {
  it.each(cases.filter((entry) => !(entry.id in KNOWN_DOCKERFILE_AST_GAPS)).map((entry) => [entry.id, entry.dockerfile_text]))(
    '%s',
    (_id, text) => {
      expect(byModel(text)).toEqual(byDockerfileAst(text));
    },
  );

  it.each(Object.entries(KNOWN_DOCKERFILE_AST_GAPS))('%s differs, as BuildKit does: %s', (id) => {
    const text = cases.find((entry) => entry.id === id)?.dockerfile_text as string;
    expect(byModel(text)).not.toEqual(byDockerfileAst(text));
  });
});
