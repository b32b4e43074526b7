import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// The dependency direction of docs/ARCHITECTURE.md, enforced:
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

// Node's own globals, refused in the pure layers: they must run unchanged in the sandboxed renderer.
const nodeOnlyGlobals = Object.keys(globals.node).filter((name) => !(name in globals.browser) && !(name in globals.es2024));
const noNodeGlobals = nodeOnlyGlobals.map((name) => ({
  name,
  message: 'contract/ and domain/ are pure: no Node globals (they also run in the renderer).',
}));

// Imports are written without extensions and resolved as the bundler does (tsconfig "moduleResolution": "bundler").
const resolver = createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Node globals everywhere but the layers that also run in the page.
  { ignores: ['main/contract/**', 'main/domain/**', 'renderer/**'], languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  // A cycle makes load order decide what is defined: each area is assembled in one direction (docs/ARCHITECTURE.md).
  {
    files: ['main/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [resolver], 'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['main/contract/**', 'main/domain/**'],
    languageOptions: { globals: { ...globals.es2024 } },
    rules: { 'no-restricted-globals': ['error', ...noNodeGlobals] },
  },
  { files: ['main/contract/**', 'main/domain/**'], rules: { 'no-restricted-imports': ['error', pureRule] } },
  { files: ['main/store/**', 'main/export/**', 'main/api/**', 'main/doors/**'], rules: { 'no-restricted-imports': ['error', coreRule] } },
  { files: ['renderer/**'], rules: { 'no-restricted-imports': ['error', rendererRule] } },
);
