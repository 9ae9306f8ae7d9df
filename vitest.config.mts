import { defineConfig, type Plugin } from 'vitest/config';

/**
 * The sources load parsers and formatters with a lazy `require('./x')` so that a run pays only for
 * what it uses (compiled to CommonJS, that is plain Node). Vitest runs the TypeScript sources as
 * ES modules, where Node's require cannot load `.ts`; this rewrites each relative require into a
 * static import of the same module, so the tests exercise the same code with one module graph.
 */
function lazyRequireAsImport(): Plugin {
  const relativeRequire = /\brequire\((['"])(\.{1,2}\/[^'"]+)\1\)/g;
  return {
    name: 'litelint-lazy-require-as-import',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/(src|rules)\/.*\.ts$/.test(id) || !relativeRequire.test(code)) return undefined;
      const imports: string[] = [];
      const rewritten = code.replace(relativeRequire, (_match, _quote, specifier: string) => {
        const name = `__lazy_${imports.length}`;
        imports.push(`import * as ${name} from '${specifier}';`);
        return name;
      });
      return { code: `${imports.join('\n')}\n${rewritten}`, map: null };
    },
  };
}

/** The suites that run the built bin as child processes, or run for long (fuzz, hostile inputs). */
const SLOW = ['test/robustness/**/*.test.ts', 'test/integrations/**/*.test.ts', 'test/lsp/**/*.test.ts'];

/**
 * Two projects: `fast` (unit, parser, rule and in-process CLI tests: the inner loop, `npm run
 * test:fast`) and `slow` (`npm run test:slow`); `npm test` runs both, as CI does.
 */
export default defineConfig({
  plugins: [lazyRequireAsImport()],
  test: {
    pool: 'threads',
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
