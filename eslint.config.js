// Lint rules, chiefly the import boundaries of DESIGN §1: which folder may import what.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Each pattern is a regex over the import specifier, e.g. '../../server/http' or 'node:fs'.
// A top-level folder is reached by a relative path: '../../server/app', './renderer'.
const folder = (name) => `^\\.\\.?/(.*/)?${esc(name)}(/|$)`;
const forbid = {
  electronFolderOrPackage: { regex: `${folder('electron')}|^electron(/|$)`, message: 'the electron/ folder or package (DESIGN §1)' },
  electronPackage: { regex: '^electron(/|$)', message: 'the electron package: the core is plain Node (DESIGN §1)' },
  renderer: { regex: folder('renderer'), message: 'renderer/ (DESIGN §1)' },
  server: { regex: folder('server'), message: 'server/ (DESIGN §1)' },
  migrations: { regex: folder('migrations'), message: 'migrations/ (DESIGN §1)' },
  testing: { regex: folder('testing'), message: 'testing/ (test helpers, Node only)' },
  sharedIo: {
    regex: '^\\.\\.?/(.*/)?shared/(services|db)(/|$)',
    message: 'the SQL services and Db interface: the renderer talks to the core through the typed api only',
  },
  pg: { regex: '^pg(/|$)', message: 'pg (database drivers stay out of this layer)' },
  pglite: { regex: '^@electric-sql/pglite(/|$)', message: 'PGlite (database drivers stay out of this layer)' },
  nodePrefixed: { regex: '^node:', message: 'Node built-ins: this layer has no I/O' },
  nodeBare: {
    regex: `^(${builtinModules.filter((m) => !m.startsWith('_') && !m.includes(':')).map(esc).join('|')})(/|$)`,
    message: 'Node built-ins: this layer has no I/O',
  },
};

/** One config object per file set: a later no-restricted-imports replaces an earlier one, it does not merge. */
const boundary = (files, rules, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: rules.map(({ regex, message }) => ({ regex, message: `Not allowed here: ${message}.` })) },
    ],
  },
});

const sharedRules = [
  forbid.electronFolderOrPackage,
  forbid.renderer,
  forbid.server,
  forbid.migrations,
  forbid.testing,
  forbid.pg,
  forbid.pglite,
  forbid.nodeBare,
];
const rendererRules = [forbid.electronFolderOrPackage, forbid.server, forbid.migrations, forbid.sharedIo, forbid.pg, forbid.pglite];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'out/',
    'dist/',
    '.tsbuild/',
    '.template/',
    '.bench-data/',
    'test-results/',
    'playwright-report/',
  ]),

  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  { files: ['{electron,server,testing,migrations,bench}/**/*.ts', '*.ts'], languageOptions: { globals: globals.node } },

  // Import boundaries (DESIGN §1). Tests may use Node built-ins but keep their folder's other rules.
  boundary(['shared/**/*.{ts,tsx}'], [...sharedRules, forbid.nodePrefixed], TESTS),
  boundary(TESTS.map((t) => `shared/${t}`), sharedRules),
  boundary(['renderer/**/*.{ts,tsx}'], [...rendererRules, forbid.nodePrefixed, forbid.nodeBare], TESTS),
  boundary(TESTS.map((t) => `renderer/${t}`), rendererRules),
  boundary(['electron/core/**/*.ts'], [forbid.electronPackage]),
  boundary(['electron/main/**/*.ts'], [forbid.pglite]),
  boundary(['server/**/*.ts'], [forbid.electronFolderOrPackage]),
]);
