// Run as an ordinary (non-root) user against a data folder that user may read but not write: tries
// to open the store and save, and prints what the officer would be told, as one JSON line.
import { openCore } from '../../main/api/app';
import type { CaseRecord } from '../../main/contract/case';
import { TODAY } from '../support/core';

const dataDir = process.env.PSR_DATA_DIR ?? '';
const print = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function main(): Promise<void> {
  let core;
  try {
    core = openCore({ dataDir, now: () => TODAY, backupsKept: false });
  } catch (e) {
    print({ stage: 'open', code: (e as { code?: unknown }).code, message: (e as Error).message, name: (e as Error).name });
    return;
  }
  const ctx = { actor: 'officer.readonly', door: 'ipc' as const };
  const list = await core.dispatch('cases.list', {}, ctx);
  const first = list.ok ? (list.value as { items: Array<{ id: string }> }).items[0] : undefined;
  const current = first ? await core.dispatch('cases.get', { id: first.id }, ctx) : null;
  const record = current?.ok ? (current.value as CaseRecord) : null;
  const saved = record
    ? await core.dispatch('cases.update', { id: record.id, version: record.version, details: { ...record.details, court: 'Changed Court' } }, ctx)
    : null;
  print({ stage: 'save', read: list.ok, result: saved });
  core.close();
}

main().catch((e: unknown) => {
  print({ stage: 'crash', message: (e as Error).stack ?? String(e) });
});
