// Bundles the `psr` command into dist/cli/ so it starts as plain JavaScript, with no TypeScript
// compiled at run time. Each command's code is a separate chunk, imported when that command runs
// (see main/doors/cli.ts), so `psr --help` loads neither the store nor the export.
// better-sqlite3-multiple-ciphers stays external (a native module); the data files in templates/ are read from
// disk at run time, as from the sources (main/loaders/dataFiles.ts looks two folders up).
//
// `--prepare` is how npm's prepare step runs it: a failed build warns and exits 0, so an install
// never fails for it, and bin/psr.mjs then runs the sources through tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'cli');
const prepare = process.argv.includes('--prepare');

// zod re-exports its messages in some fifty languages as `z.locales`; nothing here uses them (the
// product's words are in its own catalogue) and they are half of zod's size, so only English,
// zod's default, is bundled.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.split(path.sep).includes('zod') ? { path: path.join(path.dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

try {
  const { build } = await import('esbuild');
  // Chunk names change with their content: a folder left from an earlier build would keep stale ones.
  fs.rmSync(outdir, { recursive: true, force: true });
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'main/doors/cli.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks beside cli.mjs: the loaders find templates/ two folders up from the file they run in.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    external: ['better-sqlite3-multiple-ciphers'],
    plugins: [zodEnglishOnly],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __psrCreateRequire } from 'node:module'; const require = __psrCreateRequire(import.meta.url);" },
  });
  // The project's own sources in the build, so bin/psr.mjs can tell when they changed after it
  // (packages change only with an install, which builds again).
  const sources = Object.keys(result.metafile.inputs).filter((f) => !f.split('/').includes('node_modules'));
  fs.writeFileSync(path.join(outdir, 'sources.json'), `${JSON.stringify({ builtAt: startedAt, sources }, null, 2)}\n`);
  // Which module went into which file, for tests/integration/cli-build.test.ts (what --help loads).
  fs.writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
} catch (e) {
  if (!prepare) throw e;
  console.warn(`psr: the command line was not built (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); bin/psr.mjs will run its sources through tsx.`);
}
