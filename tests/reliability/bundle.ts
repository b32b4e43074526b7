import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Bundles a script the tests start as a real process, so each start costs a third of a second.
 * The bundle lives inside node_modules so it finds better-sqlite3-multiple-ciphers, and no linter or git looks at
 * it; its name carries this process id because checkouts may share one node_modules and run at once.
 */
export async function bundleScript(entry: string): Promise<{ file: string; remove(): void }> {
  const file = path.join(root, 'node_modules', '.cache', 'psr-tests', `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: file,
    external: ['better-sqlite3-multiple-ciphers'],
    banner: { js: "import { createRequire as __psrRequire } from 'node:module'; const require = __psrRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return { file, remove: () => fs.rmSync(file, { force: true }) };
}
