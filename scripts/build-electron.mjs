// Bundles the Electron main process (ESM) and the preload (CommonJS, as a sandboxed preload must be).
// better-sqlite3-multiple-ciphers stays external: it is a native module, rebuilt for Electron only when packaging.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', external: ['electron', 'better-sqlite3-multiple-ciphers'] };

await build({ ...common, entryPoints: ['main/app/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm',
  banner: { js: "import { createRequire as __psrCreateRequire } from 'node:module'; const require = __psrCreateRequire(import.meta.url);" } });
await build({ ...common, entryPoints: ['main/app/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' });
