// Lint: TypeScript rules plus the layering the design fixes (VS Code style import rules):
//   renderer → shared;  electron shell → services → shared;  shared → nothing platform-specific.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'node:*',
  'fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'url', 'util', 'stream', 'http', 'https', 'net', 'zlib', 'worker_threads',
];

const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Control characters are matched on purpose: binary-file detection and file-name sanitising.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'antd', 'better-sqlite3', '**/electron/**', '**/renderer/**'],
      'shared/ is pure: it may import only shared/ and platform-free libraries.',
    ),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    rules: restrict(
      ['electron', '**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
      'The service layer, CLI and web host never import Electron or the renderer.',
    ),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: restrict(['**/renderer/**', '**/electron/web/**'], 'The Electron shell never imports the renderer or the test host.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...NODE_BUILTINS, 'electron', 'better-sqlite3', '**/electron/**'],
        'The renderer talks only to the typed api (renderer/api) and imports only shared/.',
      ),
    },
  },
);
