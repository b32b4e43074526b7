// A stand-in for the app during autosave: opens the real core on PSR_DATA_DIR and saves the one
// case over and over through dispatch('cases.update'), as debounced autosaves do. Before each save
// it prints the content it is about to save ("try"), and after the store acknowledges it, the
// version, the content hash and the hash of what the audit log keeps of that content (field by
// field, text as its length only). The crash test kills this process at a random moment.
import fs from 'node:fs';
import { openCore } from '../../main/api/app';
import type { CaseRecord } from '../../main/contract/case';
import { auditView } from '../../main/domain/auditChanges';
import { caseDetails, TODAY } from '../support/core';
import { contentHash } from './canonical';

const dataDir = process.env.PSR_DATA_DIR;
const run = Number(process.env.PSR_WRITER_RUN ?? '0');
if (!dataDir) throw new Error('PSR_DATA_DIR is required');

// Synchronous writes: a line is out of the process before the next step starts.
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const core = openCore({ dataDir, now: () => TODAY, backupsKept: false, logger: { error: (m, e) => say(`error ${m} ${String(e)}`) } });
const ctx = { actor: 'officer.autosave', door: 'ipc' as const };

async function main(): Promise<void> {
  let record = (core.db.prepare('SELECT id FROM cases LIMIT 1').get() as { id: string } | undefined)?.id;
  if (!record) {
    const created = await core.dispatch('cases.create', { details: caseDetails() }, ctx);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    record = (created.value as CaseRecord).id;
  }
  const current = await core.dispatch('cases.get', { id: record }, ctx);
  if (!current.ok) throw new Error(JSON.stringify(current.error));
  let { version, details } = current.value as CaseRecord;
  say(`ready ${record} ${version}`);
  for (let seq = 0; ; seq++) {
    // Each save changes the offence wording and grows or shrinks the list of charges, so pages split and merge.
    const n = 1 + ((run * 7 + seq) % 9);
    const next = {
      ...details,
      charges: Array.from({ length: n }, (_, i) => ({
        offence: `Autosave run ${run} save ${seq} charge ${i} ${'x'.repeat((seq * 37 + i * 11) % 200)}`,
        offenceDate: '2026-08-02',
        plea: 'guilty' as const,
      })),
    };
    say(`try ${contentHash(next)}`);
    const saved = await core.dispatch('cases.update', { id: record, version, details: next }, ctx);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    ({ version, details } = saved.value as CaseRecord);
    say(`ack ${version} ${contentHash(details)} ${contentHash(auditView('case', details))}`);
  }
}

main().catch((e: unknown) => {
  say(`failed ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
