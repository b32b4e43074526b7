import { benchExport } from './export';
import { benchInterview } from './interview';
import { benchOptions } from './options';
import { benchPeers } from './peers';
import { benchStore } from './store';

// `npm run bench`: figures and ratios against targets, never a pass/fail test (shared machines are noisy).
const sections: Array<[string, () => Promise<string[]>]> = [
  ['store', () => benchStore()],
  ['options', () => benchOptions()],
  ['export', () => benchExport()],
  ['peers', () => benchPeers()],
  ['interview', () => benchInterview()],
];
const only = process.argv[2];
for (const [name, run] of sections) {
  if (only && only !== name) continue;
  console.log((await run()).join('\n'));
  console.log('');
}
