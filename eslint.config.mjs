// ESLint flat config (issue #14 part 4, #17).
//
// eslint-plugin-office-addins ships its own flat configs, but they pull in its bundled
// typescript-eslint 8.8 (which does not support our TypeScript 5.9) and make prettier/prettier an
// error; we use its rules directly with the project's typescript-eslint instead.
// Formatting is Prettier's job (`npm run format`), so eslint-config-prettier comes last.
//
// typescript-eslint's `recommended`, not `recommendedTypeChecked`: measured on this 2-core machine,
// the type-aware set took 64 s of CPU (4 min wall under load) and 2 GB of memory against 19 s for
// this one, and its ~400 extra reports were almost all no-unsafe-* on deliberately untyped test
// and office.js-mirror code. Run it by hand when wanted; `npm run lint` stays fast enough for `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'lib/',
      'dist/',
      'coverage/',
      'samples/',
      'test/fixtures/bad/',
      'docs/screenshots/',
      'bench/.out/',
      'test-results/',
      'tmp/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A parameter an interface requires but this implementation does not use is named _x.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  // Office.js: Microsoft's rules for load/sync (https://www.npmjs.com/package/eslint-plugin-office-addins),
  // at the severities of the plugin's own recommended config. The rules go by names, not types (any
  // variable set from a getRange/getCell/getItem… call is taken for an Office.js proxy, and only an
  // identifier named `context` counts as a sync), so they run where Office.js is used: on ExcelJS
  // code (src/hosts/xlsx, src/samples, the command line's tests) every report was an ExcelJS cell.
  // The fake's own tests are left out: they read unloaded properties on purpose, to check that
  // office.js and the fake throw PropertyNotLoaded.
  {
    files: [
      'src/hosts/office/**/*.ts',
      'src/taskpane/**/*.{ts,tsx}',
      'src/commands/**/*.ts',
      'test/hosts/office/**/*.ts',
      'test/taskpane/**/*.{ts,tsx}',
      'test/addin/**/*.ts',
    ],
    ignores: [
      'test/hosts/office/fake-excel.test.ts',
      'test/hosts/office/fake-data-validation.test.ts',
      'test/hosts/office/officejs-host.test.ts',
    ],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'warn',
      'office-addins/no-empty-load': 'warn',
      'office-addins/no-navigational-load': 'warn',
      'office-addins/no-office-initialize': 'warn',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  // The task pane and browser code.
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/commands/**/*.ts', 'src/testing/office-standin/**/*.ts', 'test/taskpane/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  // CommonJS files (bin/, scripts/*.js, jest and webpack configs).
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The pane's classic <head> script: plain ES5 for every webview Office uses (see its header).
  {
    files: ['src/taskpane/**/*.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['test/**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.jest } },
  },
  // #17: no module-level mutable state in the engine and the .xlsx host: a module-level `let`/`var`, collection or
  // unfrozen array is state shared by every caller (a cache, a "current" table) that ties calls
  // together out of sight. Pass a context or return a handle; a constant table is a `readonly`
  // array or a ReadonlyMap/ReadonlySet.
  {
    files: ['src/core/**/*.ts', 'src/hosts/xlsx/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Program > VariableDeclaration', 'Program > ExportNamedDeclaration > VariableDeclaration'].flatMap((decl) => [
          {
            selector: `${decl}[kind!='const']`,
            message: 'No module-level let/var in src/core and src/hosts/xlsx (issue #17): pass a context or return a handle.',
          },
          {
            selector: `${decl} > VariableDeclarator:not([id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly(Map|Set)$/]) > NewExpression.init[callee.name=/^(Map|Set|WeakMap|WeakSet|Array)$/]`,
            message:
              'No module-level collection in src/core and src/hosts/xlsx (issue #17): pass a context, or type a constant table ReadonlyMap/ReadonlySet.',
          },
          {
            selector: `${decl} > VariableDeclarator > :matches(ObjectExpression, ArrayExpression) NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]`,
            message: 'No module-level collection in src/core and src/hosts/xlsx (issue #17): pass a context or return a handle.',
          },
          {
            selector: `${decl} > VariableDeclarator > CallExpression.init[callee.name=/^(memo|memoize|remembered|cached?)$/i]`,
            message:
              'No module-level memo in src/core and src/hosts/xlsx (issue #17): a cache is kept only where measured, with a disable line saying what it buys.',
          },
          {
            selector: `${decl} > VariableDeclarator[init.type='ArrayExpression']:not([id.typeAnnotation.typeAnnotation.operator='readonly'])`,
            message: 'A module-level array in src/core and src/hosts/xlsx is a constant table: type it `readonly T[]` (issue #17).',
          },
        ]),
      ],
    },
  },
  // #17: no function over 60 lines in src/ (skipping blank lines and comments).
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  prettier,
);
