import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../main/contract/api';
import type { ApiResult } from '../../main/contract/errors';
import type { Person } from '../../main/contract/people';
import type { Proposal } from '../../main/contract/options';
import type { ReportText } from '../../main/contract/reportText';
import { backupsDir } from '../../main/store/backup';
import { caseDetails, storeSnapshot, testCore, TODAY, type TestCore } from '../support/core';
import { cli, httpDoor, ipcDoor } from '../support/doors';
import { womanWithTwoDependants } from '../fixtures/interviews';

// Retention and erasure (docs/retention.md) over a real SQLite file: a case is closed, kept for
// the jurisdiction's retentionDays (2190 in the shipped settings), then listed for erasure, and
// erasing it leaves none of its text in the store's file or in the backups the app keeps. Every
// refusal names its reason and changes nothing.

const DAY = 86_400_000;
const RETENTION = 2190;
const days = (n: number) => new Date(TODAY.getTime() + n * DAY);

// Words no other fixture uses, so finding them in a file can only mean this case's text.
const GIVEN = 'Zephyrine';
const FAMILY = 'Quonderwick';
const ANSWER = 'the Tamariskvale allotment cooperative';
const REPORT_WORDS = 'Bellwether Saffronmoor assessment';
const COMMENT = 'Quillfeather Obsidian remark';

let clock: Date;
let core: TestCore;
let officer: Person;
let senior: Person;
let screener: Person;

const as = (person: Person) => ({ session: { personId: person.id }, actor: person.fullName });

beforeEach(async () => {
  clock = TODAY;
  core = testCore({ now: () => clock });
  await core.startupBackup;
  officer = (await core.call('people.list', {}))[0]!;
  senior = await core.call('people.add', { details: { fullName: 'Sam Senior', role: 'senior_probation_officer', team: 'North', service: 'Probation Service' } });
  screener = await core.call('people.add', { details: { fullName: 'Grace Mensah', role: 'screener', team: 'Outreach', service: 'Hope Community Trust' } });
});
afterEach(() => core.cleanup());

let numbers = 0;
/** A case opened by the officer, closed as withdrawn on `closedOn`. */
async function withdrawnCase(closedOn: Date) {
  clock = TODAY;
  const record = await core.call('cases.create', { details: caseDetails({ caseNumber: `CR-2026-${7000 + ++numbers}` }) }, as(officer));
  clock = closedOn;
  await core.call('cases.close', { caseId: record.id, reason: 'withdrawn' }, as(officer));
  return record;
}

/** A refused call: its error, and proof that it changed nothing in the store. */
async function refused(method: string, input: unknown, person: Person) {
  const before = storeSnapshot(core);
  const result = (await core.raw(method, input, as(person))) as ApiResult<unknown>;
  expect(result.ok).toBe(false);
  expect(storeSnapshot(core)).toBe(before);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

/**
 * A case written to an issued report with a reviewer's comment: the person's name, an interview
 * answer, the report text and the comment each hold one of the words above.
 */
async function issuedCase() {
  const c = womanWithTwoDependants();
  const details = { ...c.details, caseNumber: 'CR-2026-9001', person: { ...c.details.person, givenNames: GIVEN, familyName: FAMILY } };
  const record = await core.call('cases.create', { details }, as(officer));
  const caseId = record.id;
  const { form } = await core.call('interview.open', { caseId }, as(officer));
  const asked = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && typeof x === 'string') asked.add(x);
        else walk(x);
      }
  };
  walk(form);
  const answers = Object.fromEntries(Object.entries(c.interview.answers).filter(([id]) => asked.has(id)));
  answers['history.supervisionNotes'] = { status: 'answered', value: `She kept every appointment at ${ANSWER}.` };
  await core.call('interview.save', { caseId, version: 0, interview: { formId: form.id, formVersion: form.version, answers } }, as(officer));
  const proposal: Proposal = { selected: [{ type: 'option', id: 'sentencing.probation' }], rationale: 'A community order keeps her children at home.', alternatives: [], conditions: [], acknowledgements: [] };
  const saved = await core.call('proposal.save', { caseId, version: 0, proposal }, as(officer));
  await core.call('proposal.save', { caseId, version: 1, proposal: { ...proposal, acknowledgements: saved.checks.checks.map((k) => ({ checkId: k.id, reason: 'Weighed with the court’s question in mind.' })) } }, as(officer));
  const { sections } = await core.call('reportText.get', { caseId }, as(officer));
  const text: ReportText = {
    sections: Object.fromEntries(sections.filter((s) => s.applies).map((s) => [s.id, { text: `In my ${REPORT_WORDS} the facts recorded for ${s.id} weigh towards supervision in the community.` }])),
    acknowledgements: [],
  };
  const open = await core.call('reportText.checks', { caseId, text }, as(officer));
  await core.call('reportText.save', { caseId, version: 0, text: { ...text, acknowledgements: open.analysis.map((k) => ({ checkId: k.id, reason: 'Weighed: the court asked about her caring responsibilities.' })) } }, as(officer));
  await core.call('report.submit', { caseId, templateId: 'full-report' }, as(officer));
  await core.call('review.comment', { caseId, sectionId: null, body: COMMENT }, as(senior));
  await core.call('report.countersign', { caseId }, as(senior));
  await core.call('report.issue', { caseId }, as(officer));
  return record;
}

/** Every place `text` occurs in the file's bytes. */
function offsets(bytes: Buffer, text: string): number[] {
  const needle = Buffer.from(text, 'utf8');
  const found: number[] = [];
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * The tables (and indexes) whose pages hold `text` in the closed database file, as SQLite's dbstat
 * names them; a page no table owns (a free page) is named "free page".
 */
function ownersOf(file: string, text: string): Set<string> {
  const bytes = fs.readFileSync(file);
  const at = [...offsets(bytes, text), ...offsets(bytes, text.toLowerCase())];
  if (at.length === 0) return new Set();
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const owner = new Map((db.prepare('SELECT pageno, name FROM dbstat').all() as Array<{ pageno: number; name: string }>).map((r) => [r.pageno, r.name]));
    return new Set(at.map((o) => owner.get(Math.floor(o / pageSize) + 1) ?? 'free page'));
  } finally {
    db.close();
  }
}

describe('which cases are due for erasure', () => {
  it('lists a case closed longer ago than the retention period, and not one closed inside it or one still open', async () => {
    const old = await withdrawnCase(TODAY);
    const recent = await withdrawnCase(days(1000));
    clock = TODAY;
    const open = await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-7999' }) }, as(officer));
    clock = days(RETENTION + 3);

    const due = await core.call('cases.dueForErasure', {}, as(senior));

    expect(due.retentionDays).toBe(RETENTION);
    expect(due.items).toEqual([{ id: old.id, caseNumber: old.details.caseNumber, court: old.details.court, closedAt: TODAY.toISOString(), reason: 'withdrawn', daysPastRetention: 3 }]);
    expect(due.items.map((c) => c.id)).not.toContain(recent.id);
    expect(due.items.map((c) => c.id)).not.toContain(open.id);
  });

  it('lists nothing on the last day of the retention period, and the case on the day after', async () => {
    const c = await withdrawnCase(TODAY);
    clock = new Date(days(RETENTION).getTime() - 1);
    expect((await core.call('cases.dueForErasure', {}, as(senior))).items).toEqual([]);
    clock = days(RETENTION);
    expect((await core.call('cases.dueForErasure', {}, as(senior))).items.map((i) => i.id)).toEqual([c.id]);
  });
});

describe('closing a case', () => {
  it('refuses to close as issued a case whose report is not issued, and a case closed already, changing nothing', async () => {
    const record = await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-7100' }) }, as(officer));
    expect(await refused('cases.close', { caseId: record.id, reason: 'report_issued' }, officer)).toMatchObject({ code: 'refused', key: 'errors.retention.notIssued', params: { state: 'none' } });
    await core.call('cases.close', { caseId: record.id, reason: 'withdrawn' }, as(officer));
    expect(await refused('cases.close', { caseId: record.id, reason: 'withdrawn' }, officer)).toMatchObject({ code: 'refused', key: 'errors.retention.alreadyClosed' });
  });

  it('records who closed the case and why in the audit, with no text of the case', async () => {
    const record = await withdrawnCase(days(2));
    const history = await core.call('cases.history', { id: record.id }, as(officer));
    expect(history.at(-1)).toMatchObject({ action: 'close', actor: officer.fullName, at: days(2).toISOString(), changes: [{ path: '$.closed', after: { kind: 'value', value: 'withdrawn' } }] });
  });
});

describe('erasing a case', () => {
  it('refuses a wrong confirmation and a case not yet due, naming the reason and changing nothing', async () => {
    const due = await withdrawnCase(TODAY);
    const notDue = await withdrawnCase(days(RETENTION));
    clock = days(RETENTION + 1);

    const wrong = await refused('cases.erase', { caseId: due.id, confirm: 'CR-2026-0000' }, senior);
    expect(wrong).toMatchObject({ code: 'invalid_input', path: '$.confirm', key: 'errors.retention.confirmMismatch' });
    const early = await refused('cases.erase', { caseId: notDue.id, confirm: notDue.details.caseNumber }, senior);
    expect(early).toMatchObject({ code: 'refused', key: 'errors.retention.notDue', params: { due: days(RETENTION * 2).toISOString().slice(0, 10) } });
    const open = await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-7200' }) }, as(officer));
    expect(await refused('cases.erase', { caseId: open.id, confirm: 'CR-2026-7200' }, senior)).toMatchObject({ code: 'refused', key: 'errors.retention.notClosed' });
  });

  it('is refused to a screener and to a probation officer, naming the roles that may, before anything is read or changed', async () => {
    const due = await withdrawnCase(TODAY);
    clock = days(RETENTION + 1);
    for (const person of [screener, officer]) {
      for (const [method, input] of [['cases.erase', { caseId: due.id, confirm: due.details.caseNumber }], ['cases.dueForErasure', {}]] as const) {
        const error = await refused(method, input, person);
        expect(error).toMatchObject({ code: 'forbidden', key: 'errors.needsRole', params: { role: 'senior_probation_officer,administrator' } });
      }
    }
    expect(await refused('cases.close', { caseId: due.id, reason: 'withdrawn' }, screener)).toMatchObject({ code: 'forbidden', key: 'errors.needsRole' });
  });

  describe('an issued case with a reviewer’s comment, erased after its retention period', () => {
    let caseId: string;
    let keptBackup: string;
    let result: Output<'cases.erase'>;
    let startBackup: string;

    beforeEach(async () => {
      startBackup = path.basename((await core.startupBackup)!.created!.path);
      const record = await issuedCase();
      caseId = record.id;
      clock = days(3);
      await core.call('cases.close', { caseId, reason: 'report_issued' }, as(officer));
      // A backup the app keeps, made while the case was still within its retention period.
      clock = days(RETENTION - 10);
      keptBackup = (await core.call('store.backupNow', {}, as(senior))).created!.path;
      clock = days(RETENTION + 5);
      result = await core.call('cases.erase', { caseId, confirm: ' CR-2026-9001 ' }, as(senior));
      core.close();
    });

    it('leaves no row of the case: no case, interview, proposal, report text, version or comment', () => {
      const db = new BetterSqlite3(core.dbFile, { readonly: true });
      try {
        for (const table of ['cases', 'interviews', 'proposals', 'report_texts', 'report_versions', 'review_comments']) {
          const column = table === 'cases' ? 'id' : 'case_id';
          expect(db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(caseId), table).toEqual({ n: 0 });
        }
        expect(db.prepare(`SELECT count(*) AS n FROM cases_fts WHERE cases_fts MATCH ?`).get(FAMILY)).toEqual({ n: 0 });
        // The protections of migration 8 are back in place after the erasure.
        const triggers = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger'`).all() as Array<{ name: string }>).map((r) => r.name);
        expect(triggers).toEqual(expect.arrayContaining(['report_versions_issued_never_deleted', 'review_comments_never_deleted', 'audit_is_append_only_delete']));
      } finally {
        db.close();
      }
    });

    it('leaves nothing of the reviewer’s comment, which the audit never held, anywhere in the store’s file', () => {
      expect(fs.existsSync(`${core.dbFile}-wal`) ? fs.statSync(`${core.dbFile}-wal`).size : 0).toBe(0);
      expect(offsets(fs.readFileSync(core.dbFile), COMMENT)).toEqual([]);
    });

    it('leaves the name, the answer and the report text nowhere in the file: not on a table’s page, not on a free page, not in the audit', () => {
      // The audit records what changed (fields, lengths), never the typed text (docs/audit.md).
      for (const words of [GIVEN, FAMILY, ANSWER, REPORT_WORDS]) expect([...ownersOf(core.dbFile, words)], words).toEqual([]);
    });

    it('erases the case from the backup the app kept, which then holds none of its text anywhere', () => {
      const file = path.join(core.dataDir, keptBackup);
      expect(result.backupsErased).toContain(keptBackup);
      expect(offsets(fs.readFileSync(file), COMMENT)).toEqual([]);
      for (const words of [GIVEN, FAMILY, ANSWER, REPORT_WORDS]) expect([...ownersOf(file, words)], `${words} in the backup`).toEqual([]);
      const db = new BetterSqlite3(file, { readonly: true });
      try {
        expect(db.prepare(`SELECT count(*) AS n FROM cases WHERE id = ?`).get(caseId)).toEqual({ n: 0 });
        expect(db.prepare(`SELECT actor, action, changes FROM audit WHERE entity = 'case' AND entity_id = ? AND action = 'erase'`).all(caseId)).toEqual([{ actor: senior.fullName, action: 'erase', changes: '[]' }]);
      } finally {
        db.close();
      }
    });

    it('removes the backups made longer ago than the retention period', () => {
      expect(result.backupsRemoved).toEqual([`backups/${startBackup}`]);
      expect(fs.readdirSync(backupsDir(core.dataDir))).not.toContain(startBackup);
    });

    it('keeps one audit row of the erasure, saying who erased which case id and when, with no text', () => {
      const db = new BetterSqlite3(core.dbFile, { readonly: true });
      try {
        const rows = db.prepare(`SELECT at, actor, entity, entity_id, action, version, changes FROM audit WHERE action = 'erase'`).all();
        expect(rows).toEqual([{ at: days(RETENTION + 5).toISOString(), actor: senior.fullName, entity: 'case', entity_id: caseId, action: 'erase', version: null, changes: '[]' }]);
        // Every earlier audit row is kept: the audit is append-only, erasure included.
        expect((db.prepare(`SELECT count(*) AS n FROM audit WHERE entity_id = ?`).get(caseId) as { n: number }).n).toBeGreaterThan(5);
      } finally {
        db.close();
      }
    });
  });
});

describe('the desktop window and browser mode', () => {
  it('list the due cases for a senior officer and refuse a screener in the same words, through the one dispatch', async () => {
    const c = await withdrawnCase(TODAY);
    clock = days(RETENTION + 1);
    const ipc = ipcDoor(core);
    const http = await httpDoor(core);
    try {
      const viaDoor = async (door: typeof ipc | typeof http, method: string, input: unknown) =>
        door === ipc ? ipc.invoke(method, input) : (await http.post(method, JSON.stringify(input))).json;
      for (const door of [ipc, http]) {
        expect(await viaDoor(door, 'session.choose', { personId: senior.id })).toMatchObject({ ok: true });
        expect(await viaDoor(door, 'cases.dueForErasure', {})).toMatchObject({ ok: true, value: { items: [{ id: c.id }] } });
        expect(await viaDoor(door, 'session.choose', { personId: screener.id })).toMatchObject({ ok: true });
        expect(await viaDoor(door, 'cases.erase', { caseId: c.id, confirm: c.details.caseNumber })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.needsRole' } });
      }
      expect(core.db.prepare('SELECT count(*) AS n FROM cases WHERE id = ?').get(c.id)).toEqual({ n: 1 });
    } finally {
      await http.close();
    }
  });
});

describe('the command line', () => {
  it('psr case close closes a case, psr cases due-for-erasure lists it once due and psr cases erase erases it once the reference is typed again', async () => {
    const record = await core.call('cases.create', { details: caseDetails({ caseNumber: 'CR-2026-7300' }) }, as(officer));
    core.close();
    const closed = await cli(core, '--as', officer.fullName, 'case', 'close', record.id, '--reason', 'withdrawn');
    expect(closed).toMatchObject({ code: 0, out: expect.stringMatching(/^Case CR-2026-7300 closed on \d{4}-\d{2}-\d{2} \(Request withdrawn\)\./) });
    // The CLI runs on the machine's clock: the case is put as closed long before it.
    const file = new BetterSqlite3(core.dbFile);
    file.prepare(`UPDATE cases SET closed_at = '2015-01-01T00:00:00.000Z' WHERE id = ?`).run(record.id);
    file.close();

    const listed = await cli(core, '--as', senior.fullName, 'cases', 'due-for-erasure');
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.out).toContain(record.details.caseNumber);
    expect(listed.out).toContain(record.id);

    const refusedErase = await cli(core, '--as', officer.fullName, 'cases', 'erase', record.id, '--confirm', record.details.caseNumber);
    expect(refusedErase.code).toBe(1);
    expect(refusedErase.err).toMatch(/senior probation officer or administrator/);
    const wrong = await cli(core, '--as', senior.fullName, 'cases', 'erase', record.id, '--confirm', 'CR-WRONG');
    expect(wrong.code).toBe(1);

    const erased = await cli(core, '--as', senior.fullName, '--json', 'cases', 'erase', record.id, '--confirm', record.details.caseNumber);
    expect(erased.code).toBe(0);
    const value = JSON.parse(erased.out) as { caseId: string; backupsErased: string[]; backupsFailed: unknown[] };
    // The command's own start made a backup holding the case; it is erased from that one too.
    expect(value).toMatchObject({ caseId: record.id, backupsFailed: [] });
    expect(value.backupsErased.length).toBeGreaterThan(0);
    expect((await cli(core, '--as', senior.fullName, 'cases', 'due-for-erasure')).out).not.toContain(record.id);
  });
});
