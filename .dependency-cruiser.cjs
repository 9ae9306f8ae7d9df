/*
 * `npm run lint` (and so CI) refuses an import cycle among src/ and rules/. dependency-cruiser
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
  ],
  options: {
    includeOnly: '^(src|rules)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    parser: 'tsc',
  },
};
