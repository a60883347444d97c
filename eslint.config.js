// Type-aware lint for every project of the layout (each project's `lint` target runs it on its own
// folder). Strict where it catches real bugs: unhandled promises, unsafe `any`, misused spreads.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', '**/test-results/**', 'data/**', 'generators/*/templates/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message: 'A spread into Math.max/min throws a RangeError past about 125k values: use a loop or reduce.',
        },
      ],
    },
  },
  {
    // Layers. Projects meet only through a package's `exports`; no module imports itself back
    // (a cycle means a module is missing); the platform (libs/cd4ml) never imports the domain.
    // Paths are resolved to real files (workspace packages are symlinks), so the rules hold
    // whatever the domain's npm scope is.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.node'] })],
    },
    rules: {
      // Cycles inside a package, which each package's lint checks; imports of other packages are not
      // followed (ignoreExternal): that cut this rule from 2.4 s to 0.7 s on sales-web's lint.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-relative-packages': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // `@scope/pkg/src/...`, `@scope/pkg/test/...` or any `@scope/pkg/<file>.ts`: a file inside another package.
              regex: '^@[^/]+/[^/]+/(?:src|test)(?:/|$)|^@[^/]+/[^/]+/.+\\.[cm]?[jt]s$',
              message: "Deep import into another package: import what its package.json `exports` offers (add the name to its index.ts), not one of its files.",
            },
          ],
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            { target: './libs/cd4ml', from: './libs', except: ['./cd4ml'], message: 'The platform (libs/cd4ml) must not import a domain lib: pass the domain in (a parameter, a schema), as the monitor and the gates do.' },
            { target: './libs/cd4ml', from: ['./apps', './pipelines', './generators'], message: 'The platform (libs/cd4ml) must not import an app, the pipelines or the generators.' },
          ],
        },
      ],
    },
  },
  {
    // Vitest's asymmetric matchers (expect.stringMatching, ...) are typed `any`, and tests read JSON
    // they just wrote: the unsafe-any rules would only add casts there, not catch bugs.
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/test-support/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Plain JavaScript files (configs, shims) are not type-checked; they run in Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
