// ESLint (flat config): eslint's and typescript-eslint's recommended rules, the TypeScript ones with
// type information (no-floating-promises, no-misused-promises, ...). Formatting is Prettier's
// (`.prettierrc.json`); `npm run lint` runs both.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import jsdoc from 'eslint-plugin-jsdoc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Test data (fixtures, examples, templates: their bytes matter) and build output.
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'examples/**', 'templates/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  comments.recommended,
  {
    rules: {
      // Every eslint-disable says why, after `--`.
      '@eslint-community/eslint-comments/require-description': 'error',
      // okr finds terminal controls on purpose (to escape them in output, refuse them in arguments,
      // strip colours in tests): its regular expressions name control characters by design.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'bench/*.d.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Passing on a caught value as it came (`catch (error) { reject(error) }`) is not a new non-Error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // The pure core: every exported function has a doc comment (shapes, units, what it throws or
    // returns as problems).
    files: ['src/parse/**/*.ts', 'src/model/**/*.ts', 'src/compute/**/*.ts', 'src/edit/**/*.ts'],
    plugins: { jsdoc },
    rules: {
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: { esm: true },
          require: { FunctionDeclaration: true, FunctionExpression: true, ArrowFunctionExpression: true },
          checkGetters: false,
          checkSetters: false,
          checkConstructors: false,
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read okr's JSON output with JSON.parse (typed `any`) and assert on it with expect():
      // a wrong shape fails the assertion, so typing every parsed document would add nothing.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
