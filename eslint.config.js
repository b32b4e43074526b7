import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The dependency direction of ARCHITECTURE.md, enforced:
//   contract, domain  -> pure: no node:*, no electron, no react, no store/export/api/doors/app
//   store, export, api, doors -> never electron or react, never app/
//   app/ is the only place that imports electron
//   renderer/ -> contract and domain only
const nodeBuiltins = '^(node:.*|fs|path|os|child_process|crypto|http|https|net|url|worker_threads|stream|util)$';

const pureRule = {
  paths: [
    { name: 'electron', message: 'Pure modules may not import electron.' },
    { name: 'react', message: 'Pure modules may not import react.' },
    { name: 'better-sqlite3', message: 'Pure modules may not touch the store.' },
  ],
  patterns: [
    { regex: nodeBuiltins, message: 'contract/ and domain/ are pure: no Node built-ins (they also run in the renderer).' },
    { regex: '^(\\.\\./)+(store|export|api|doors|app)(/|$)', message: 'contract/ and domain/ may only import contract/ and domain/.' },
  ],
};
const coreRule = {
  paths: [
    { name: 'electron', message: 'Only main/app may import electron.' },
    { name: 'react', message: 'The core never imports react.' },
  ],
  patterns: [{ regex: '^(\\.\\./)+app(/|$)', message: 'The core may not depend on the Electron app.' }],
};
const rendererRule = {
  paths: [
    { name: 'electron', message: 'The renderer talks to main only through the API client.' },
    { name: 'better-sqlite3', message: 'The renderer never touches the store.' },
  ],
  patterns: [
    { regex: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
    { regex: '(^|/)main/(store|export|api|doors|app)(/|$)', message: 'The renderer may import main/contract and main/domain only.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['main/contract/**', 'main/domain/**'], rules: { 'no-restricted-imports': ['error', pureRule] } },
  { files: ['main/store/**', 'main/export/**', 'main/api/**', 'main/doors/**'], rules: { 'no-restricted-imports': ['error', coreRule] } },
  { files: ['renderer/**'], rules: { 'no-restricted-imports': ['error', rendererRule] } },
);
