#!/usr/bin/env node
// The `psr` command. It runs the built CLI in dist/cli/ (`npm run build:cli`, also run by
// `npm install`), and the TypeScript sources through tsx when there is no build or a source file
// changed after it, so a checkout always runs its own code.
import fs from 'node:fs';
import module from 'node:module';

// Node 22 and later keep the compiled bundle between runs (a no-op on Node 20, which lacks it).
module.enableCompileCache?.();

const built = new URL('../dist/cli/cli.mjs', import.meta.url);
const root = new URL('../', import.meta.url);

/** Why the build cannot be used, or null when it is current. */
function staleReason() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(new URL('../dist/cli/sources.json', import.meta.url), 'utf8'));
    fs.statSync(built);
  } catch {
    return 'the command line is not built';
  }
  for (const source of manifest.sources) {
    // A source that is absent (an installed copy without them) cannot be newer than the build.
    const stat = fs.statSync(new URL(source, root), { throwIfNoEntry: false });
    if (stat && stat.mtimeMs > manifest.builtAt) return `${source} changed after the build`;
  }
  return null;
}

const reason = staleReason();
let runCli;
if (reason === null) {
  ({ runCli } = await import(built.href));
} else {
  // Told to a person at a terminal only: scripts read stderr for psr's own one-line errors.
  if (process.stderr.isTTY) process.stderr.write(`psr: ${reason}; running the sources through tsx (npm run build:cli builds it).\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../main/doors/cli.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
