import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { line, ms, percentile } from './stats';

// `npm run bench cli`: how long `psr` takes from start to exit, as an officer runs it (the built
// command when it is current, see bin/psr.mjs), against node starting and doing nothing.

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(args: string[], env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    const elapsed = performance.now() - t0;
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    if (i >= 2) times.push(elapsed);
  }
  return percentile(times, 50);
}

export async function benchCli(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-cli-'));
  const env = { ...process.env, PSR_DATA_DIR: dataDir };
  const bin = path.join(ROOT, 'bin/psr.mjs');
  // The command as an officer runs it: built from these sources (bin/psr.mjs would run the sources
  // through tsx if a source had changed since the last build).
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
  const built = build.status === 0 && fs.existsSync(path.join(ROOT, 'dist/cli/cli.mjs'));
  try {
    // `psr case list` answers for the person using the store: the one person a new service adds first.
    const added = spawnSync(process.execPath, [bin, 'people', 'add', '--name', 'Bench Officer', '--role', 'probation_officer'], { env, encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`psr people add exited ${added.status}: ${added.stderr}`);
    return [
      `command line (median of ${RUNS} runs; ${built ? 'built' : 'NOT BUILT, run npm run build:cli: these are the sources through tsx'})`,
      line('node doing nothing', median(['-e', '0'], env), ms),
      line('psr --help', median([bin, '--help'], env), ms, 250),
      line('psr case list (a new store, no cases)', median([bin, 'case', 'list'], env), ms, 400),
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
