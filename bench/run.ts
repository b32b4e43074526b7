import { benchCli } from './cli';
import { benchExport } from './export';
import { benchInterview } from './interview';
import { benchOptions } from './options';
import { benchPeers } from './peers';
import { benchScale } from './scale';
import { benchStore } from './store';

// `npm run bench`: figures and ratios against targets, never a pass/fail test (shared machines are noisy).
const sections: Array<[string, () => Promise<string[]>]> = [
  ['store', () => benchStore()],
  ['scale', () => benchScale()],
  ['options', () => benchOptions()],
  ['export', () => benchExport()],
  ['peers', () => benchPeers()],
  ['interview', () => benchInterview()],
  ['cli', () => benchCli()],
];
const only = process.argv[2];
for (const [name, run] of sections) {
  if (only && only !== name) continue;
  console.log((await run()).join('\n'));
  console.log('');
}
