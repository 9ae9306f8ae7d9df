/* ESLint 8 (eslintrc) with typescript-eslint 8; `npm run lint` runs it with --max-warnings 0. */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
  plugins: ['@typescript-eslint'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended'],
  env: { node: true, es2022: true },
  ignorePatterns: ['dist/', 'action/', 'node_modules/', 'coverage/', 'examples/', 'test/fixtures/'],
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/consistent-type-imports': 'error',
    eqeqeq: ['error', 'always', { null: 'ignore' }],
    'no-control-regex': 'off',
  },
  overrides: [
    {
      files: ['bin/*.js', 'scripts/*.js', '*.cjs'],
      rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
  ],
};
