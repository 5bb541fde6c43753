// ESLint flat config: typescript-eslint with type information, so promises that are neither awaited
// nor handled fail the lint; workflow code may not import Node built-ins (it runs in Temporal's
// deterministic sandbox, where they do not exist); and imports keep the layers: domain/ imports no
// infra (nor any outer folder, nor Node built-ins), activities/ no workflow or sandbox code, scripts/
// no tests.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** A pattern for relative imports of the project's top-level `folders`, from any depth. */
const folders = (names, message, extra = {}) => ({
  regex: `^(\\.\\./)+(${names.join('|')})(/|$)`,
  message,
  ...extra,
});
const domainLayer = folders(
  ['infra', 'activities', 'workflows', 'worker', 'api', 'sandbox', 'scripts', 'bench', 'test'],
  'domain/ is the pure core: it imports only domain modules (move I/O to infra/).',
);
const builtinsIn = (message) => nodeBuiltins.map((name) => ({ name, message }));

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.temporal/**', '.node/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code runs in a sandbox without Node built-ins.',
          })),
          patterns: [
            {
              group: ['zod', 'zod/*'],
              message: 'Keep zod out of the workflow bundle: validate at the edges.',
            },
            {
              group: ['../activities/*', '../activities'],
              allowTypeImports: true,
              message: 'Import activities with `import type` so their dependencies stay out of the bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure decision modules are imported by workflow code: same sandbox, same rule.
    files: ['domain/**/*.ts'],
    ignores: ['domain/policy.ts', 'domain/policy-schema.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinsIn('domain/ is imported by workflow code: no Node built-ins.'),
          patterns: [
            domainLayer,
            { group: ['zod', 'zod/*'], message: 'domain/ is imported by workflow code: no zod.' },
          ],
        },
      ],
    },
  },
  {
    // Validation of policies and rosters: zod, but no files (infra/policy-files.ts reads them).
    files: ['domain/policy.ts', 'domain/policy-schema.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinsIn('domain/ does no I/O: reading files belongs in infra/.'),
          patterns: [domainLayer],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            folders(
              ['workflows', 'sandbox'],
              'Activities import no workflow or sandbox code: shared names and defaults live in domain/ or infra/.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            folders(['test'], 'Scripts import no tests: move what both need out of test/ (infra/, worker/).'),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'commonjs',
      parserOptions: { projectService: false, project: false },
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
