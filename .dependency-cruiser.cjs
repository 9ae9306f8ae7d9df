/*
 * `npm run lint` (and so CI) refuses an import cycle among src/ and rules/, an import of rules/
 * outside the composition roots, and any import in the vocabulary module. dependency-cruiser
 * reads the TypeScript sources with the compiler: `import type` counts (a reader follows it too:
 * tsPreCompilationDeps), and so does a `require` inside a function (a module loaded on first use).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules in it can only be read (and changed) together. Move the shared part into a module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-only-through-the-registry',
      severity: 'error',
      comment: 'The engine, the CLI and the formatters are handed the registry; only the composition roots (src/main.ts, src/index.ts) import rules/.',
      from: { path: '^src/', pathNot: '^src/(main|index)\\.ts$' },
      to: { path: '^rules/' },
    },
    {
      name: 'rules-use-the-rule-api',
      severity: 'error',
      comment: 'A rule takes Rule, its context and the types of a report from src/rule-api.ts, the one API module.',
      from: { path: '^rules/' },
      to: { path: '^src/types\\.ts$' },
    },
    {
      name: 'vocabulary-imports-nothing',
      severity: 'error',
      comment: 'src/types.ts is the shared vocabulary (positions, findings, edits); what a rule is and receives is src/rule-api.ts.',
      from: { path: '^src/types\\.ts$' },
      to: {},
    },
  ],
  options: {
    includeOnly: '^(src|rules)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    parser: 'tsc',
  },
};
