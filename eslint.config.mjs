// ESLint for the whole repo (npm run lint, part of npm test): the recommended
// JavaScript and typescript-eslint rules (without type information, so it runs
// in seconds on the store's two cores), and React's rules of hooks on the
// renderer — exhaustive-deps as an error: a missing dependency is the stale
// closure that shows yesterday's list after a change.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'test-results/**', 'node_modules/**', '.native/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are noise and hide dead code; a leading underscore says "on purpose".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Migrations type the database as Kysely<any> on purpose (kysely's advice):
    // a migration must keep working on the schema of its day, not today's types.
    files: ['migrations/**/*.ts', 'main/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests read what an untyped call returned and poke at zod's internals.
    files: ['**/*.test.ts', 'main/testing/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter, which
    // must be an object pattern even when it needs none: `async ({}, use) =>`.
    files: ['e2e/fixtures.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Plain JavaScript (build scripts, worker entry points) runs in Node.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks and exhaustive-deps. The plugin's React Compiler rules
    // (set-state-in-effect, refs, purity …) are left out: the renderer is not
    // compiled by React Compiler, and they flag patterns it uses on purpose (a
    // latest-value ref written during render, loading state set in an effect).
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
