/**
 * What litelint reads from Go sources to tell which packages a binary links: the module path of a
 * go.mod, whether a .go file is built at all, and the import paths of its `import` declarations.
 * A small lexer over the file header only (package clause, imports); the rest of the file is not read.
 */

/** One import path as written, with the offsets of the path inside its quotes. */
export interface GoImport {
  path: string;
  start: number;
  end: number;
}

/** `module example.com/app` of a go.mod; undefined when it has none. */
export function goModulePath(goMod: string): string | undefined {
  const match = /^[ \t]*module[ \t]+("?)([^\s"/][^\s"]*)\1[ \t]*(?:\/\/.*)?$/m.exec(goMod);
  return match?.[2];
}

/**
 * False for files `go build` leaves out whatever the build tags: `_test.go` files and files
 * constrained to `ignore` (`//go:build ignore`, the convention for generators and examples). Any
 * other constraint may hold in the image's build, so such a file counts as built.
 */
export function goFileBuilt(name: string, text: string): boolean {
  if (!name.endsWith('.go') || name.endsWith('_test.go') || name.startsWith('_') || name.startsWith('.')) return false;
  // Build constraints must come before the package clause, in line comments.
  const header = text.slice(0, packageClauseOffset(text));
  for (const line of header.split('\n')) {
    const constraint = /^\s*\/\/(?:go:build|\s*\+build)\s+(.*?)\s*$/.exec(line);
    if (constraint && constraint[1] === 'ignore') return false;
  }
  return true;
}

function packageClauseOffset(text: string): number {
  const match = /^package\s/m.exec(text);
  return match ? match.index : text.length;
}

/** A minimal Go lexer: identifiers, strings, punctuation; comments and blanks skipped (newlines kept). */
interface Token {
  kind: 'ident' | 'string' | 'punct' | 'newline';
  value: string;
  start: number;
  end: number;
}

function* tokens(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      yield { kind: 'newline', value: '\n', start: i, end: i + 1 };
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\uFEFF') {
      i++;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      // A block comment that spans lines ends the line as a newline would.
      const body = text.slice(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end + 2;
      if (body.includes('\n')) yield { kind: 'newline', value: '\n', start: i, end: i };
    } else if (ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && !(ch === '"' && text[j] === '\n')) j += ch === '"' && text[j] === '\\' ? 2 : 1;
      yield { kind: 'string', value: text.slice(i + 1, j), start: i + 1, end: j };
      i = j + 1;
    } else if (/[\p{L}_]/u.test(ch)) {
      const match = /[\p{L}\p{N}_]+/uy;
      match.lastIndex = i;
      match.test(text);
      yield { kind: 'ident', value: text.slice(i, match.lastIndex), start: i, end: match.lastIndex };
      i = match.lastIndex;
    } else {
      yield { kind: 'punct', value: ch, start: i, end: i + 1 };
      i++;
    }
  }
}

/**
 * The import paths of a Go file: `import "x"`, `import alias "x"`, `import _ "x"`, `import . "x"`
 * and grouped `import ( ... )`. Undefined when the header is not Go as litelint reads it (no
 * package clause, an import without a path): the caller cannot know what the file links.
 */
export function goImports(text: string): GoImport[] | undefined {
  const stream = tokens(text);
  const next = (): Token | undefined => {
    for (;;) {
      const token = stream.next();
      if (token.done) return undefined;
      if (token.value.kind !== 'newline' && token.value.value !== ';') return token.value;
    }
  };
  const first = next();
  if (first?.kind !== 'ident' || first.value !== 'package') return undefined;
  if (next()?.kind !== 'ident') return undefined;
  const imports: GoImport[] = [];
  const spec = (token: Token | undefined): boolean => {
    // An optional package name (`alias`, `_`, `.`) before the path.
    if (token && (token.kind === 'ident' || token.value === '.')) token = next();
    if (token?.kind !== 'string') return false;
    imports.push({ path: token.value, start: token.start, end: token.end });
    return true;
  };
  for (;;) {
    const token = next();
    if (token?.kind !== 'ident' || token.value !== 'import') return imports;
    const after = next();
    if (after?.value === '(') {
      for (;;) {
        const inner = next();
        if (inner === undefined) return undefined;
        if (inner.value === ')') break;
        if (!spec(inner)) return undefined;
      }
    } else if (!spec(after)) return undefined;
  }
}
