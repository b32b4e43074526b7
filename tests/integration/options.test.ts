import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForms } from '../../main/loaders/forms';
import type { Interview } from '../../main/contract/interview';
import type { ProgrammeDetails, Proposal } from '../../main/contract/options';
import { caseDetails, storeSnapshot, tempDir, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';
import { answered } from '../unit/forms/support';
import { strFromU8, unzipSync } from 'fflate';
import { checkConditions, compileCatalogue, matchOptions, type CatalogueSource } from '../../main/domain/options';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { youngAdultRobbery } from '../fixtures/people';
import { STATUS, table } from '../unit/options/expertTable';
import type { MatchResult } from '../../main/contract/options';
import { readStoredChanges } from '../../main/store/audit';

// Options through the handler table over a real SQLite file: programmes, matching derived from the
// stored interview, the proposal with its checks, and the case file carrying it.

let core: TestCore;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());

const full = loadForms().get('full')!;
const interview = (answers: Interview['answers']): Interview => ({ formId: full.id, formVersion: full.version, answers });

function details(over: Partial<ProgrammeDetails> = {}): ProgrammeDetails {
  return {
    name: 'Riverside Women’s Centre',
    provider: 'Riverside Trust',
    kind: 'referral_womens_centre',
    needs: ['trauma', 'relationships'],
    eligibility: { genderSpecific: 'women', youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [] },
    location: '12 River Street',
    capacity: { places: 5, waitingWeeks: 2 },
    contact: { phone: '01234 567890' },
    languages: ['en'],
    retired: false,
    ...over,
  };
}

/** A case whose interview makes a fine unaffordable and house arrest unsafe. */
async function poorCaseWithUnsafeHome() {
  const record = await core.call('cases.create', { details: caseDetails() });
  await core.call('interview.save', {
    caseId: record.id,
    version: 0,
    interview: interview({
      'finance.monthlyIncome': answered(450),
      'finance.monthlyEssentialOutgoings': answered(420),
      'finance.abilityToPay': answered('unable'),
      'home.safeAndStable': answered(false),
      'home.domesticAbuseInHousehold': answered('current'),
    }),
  });
  return record;
}

const proposal = (over: Partial<Proposal> = {}): Proposal => ({
  selected: [{ type: 'option', id: 'sentencing.conditional_discharge' }, { type: 'option', id: 'diversion.referral_womens_centre' }],
  rationale: 'Low risk; the offence is linked to debt and an abusive relationship.',
  alternatives: [{ ref: { type: 'option', id: 'sentencing.fine' }, reasonSetAside: 'Unaffordable on her income.' }],
  conditions: [{ id: 'c1', text: 'Avoid bad company' }],
  acknowledgements: [],
  ...over,
});

describe('local programmes', () => {
  it('are created, edited and retired, every change audited, and a retired one stays readable', async () => {
    const created = await core.call('programmes.create', { details: details() });
    expect(created).toMatchObject({ version: 1, name: 'Riverside Women’s Centre', retired: false });
    const edited = await core.call('programmes.update', { id: created.id, version: 1, details: details({ location: '14 River Street' }) });
    expect(edited.version).toBe(2);
    const stale = await core.raw('programmes.update', { id: created.id, version: 1, details: details({ location: 'Elsewhere' }) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', currentVersion: 2 } });
    const retired = await core.call('programmes.retire', { id: created.id, version: 2 });
    expect(retired).toMatchObject({ version: 3, retired: true, location: '14 River Street' });
    expect(await core.call('programmes.list', { includeRetired: false })).toEqual([]);
    expect((await core.call('programmes.list', {})).map((p) => p.id)).toEqual([created.id]);
    const audit = core.db.prepare(`SELECT action, version, changes FROM audit WHERE entity = 'programme' ORDER BY id`).all() as Array<{ action: string; version: number; changes: string }>;
    expect(audit.map((a) => [a.action, a.version])).toEqual([['create', 1], ['update', 2], ['retire', 3]]);
    // The address itself stays in the programme: the audit says the field changed and how long it was.
    expect(readStoredChanges(audit[1]!.changes)).toEqual([{ path: '$.location', before: { kind: 'text', length: 15 }, after: { kind: 'text', length: 15 } }]);
  });

  it('refuses a programme of a kind the catalogue does not hold', async () => {
    const result = await core.raw('programmes.create', { details: details({ kind: 'made_up' }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.details.kind' } });
  });

  it('imports all or nothing, reporting every problem with its path, and round-trips an export', async () => {
    const existing = await core.call('programmes.create', { details: details() });
    const before = storeSnapshot(core);
    const bad = {
      format: 'psr-programmes',
      formatVersion: 1,
      programmes: [details({ name: 'Good one' }), { ...details(), kind: 'made_up' }, { ...details(), languages: [] }, { ...details(), eligibility: { ...details().eligibility, minAge: 30, maxAge: 20 } }],
    };
    const refused = await core.raw('programmes.import', { file: bad });
    expect(refused.ok).toBe(false);
    const paths = !refused.ok ? (refused.error.issues ?? []).map((i) => i.path) : [];
    // Shape and meaning checked in one pass: every problem in the file at once.
    expect(paths).toEqual(['$.programmes[2].languages', '$.programmes[1].kind', '$.programmes[3].eligibility.maxAge']);
    expect(storeSnapshot(core)).toBe(before);
    const semantic = await core.raw('programmes.import', { file: { ...bad, programmes: [bad.programmes[0], bad.programmes[1], bad.programmes[3]] } });
    expect(!semantic.ok && semantic.error.issues!.map((i) => i.path)).toEqual(['$.programmes[1].kind', '$.programmes[2].eligibility.maxAge']);
    expect(storeSnapshot(core)).toBe(before);

    const exported = await core.call('programmes.export', {});
    exported.programmes[0]!.location = 'Moved';
    const imported = await core.call('programmes.import', { file: { ...exported, programmes: [...exported.programmes, details({ name: 'New one' })] } });
    expect(imported).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect((await core.call('programmes.list', {})).find((p) => p.id === existing.id)).toMatchObject({ location: 'Moved', version: 2 });
  });
});

describe('matching a case', () => {
  it('derives the profile from the stored interview: an unaffordable fine and an unsafe home, with the facts', async () => {
    const record = await poorCaseWithUnsafeHome();
    const result = await core.call('options.match', { caseId: record.id });
    const fine = result.items.find((i) => i.optionId === 'sentencing.fine')!;
    expect(fine.status).toBe('not_suitable');
    expect(fine.reasons.map((r) => r.message).join(' ')).toMatch(/not affordable \(unable without hardship\): the person can pay £0 a month/);
    const houseArrest = result.items.find((i) => i.optionId === 'sentencing.house_arrest')!;
    expect(houseArrest.status).toBe('not_suitable');
    expect(houseArrest.reasons.map((r) => r.message).join(' ')).toMatch(/domestic abuse in the household is recorded/);
    // What the catalogue's ordering pulls forward for her (the women's centre) first, then least restrictive first.
    expect(result.items.filter((i) => i.prioritised).map((i) => i.optionId)).toEqual(['diversion.referral_womens_centre']);
    const ranks = result.items.filter((i) => !i.prioritised).map((i) => i.restrictiveness);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('lists a programme for women first within its rank, and not a retired one', async () => {
    const record = await poorCaseWithUnsafeHome();
    const p = await core.call('programmes.create', { details: details() });
    let result = await core.call('options.match', { caseId: record.id });
    expect(result.items.find((i) => i.ref.type === 'programme')).toMatchObject({ ref: { id: p.id }, prioritised: true });
    await core.call('programmes.retire', { id: p.id, version: 1 });
    result = await core.call('options.match', { caseId: record.id });
    expect(result.items.some((i) => i.ref.type === 'programme')).toBe(false);
  });
});

describe('the proposal', () => {
  it('saves with its checks; a stale version is a conflict naming the current one and changes nothing', async () => {
    const record = await poorCaseWithUnsafeHome();
    expect(await core.call('proposal.get', { caseId: record.id })).toMatchObject({ version: 0, proposal: null, checks: { open: 0 } });
    const saved = await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposal() });
    expect(saved.version).toBe(1);
    expect(saved.checks.checks.map((c) => c.type)).toEqual(expect.arrayContaining(['vague_term', 'no_end_or_review', 'not_linked']));
    const rewritten = proposal({ conditions: [{ id: 'c1', text: 'Do not knowingly contact Jane Doe until 2027-06-30', link: { need: 'relationships' } }] });
    const second = await core.call('proposal.save', { caseId: record.id, version: 1, proposal: rewritten });
    expect(second.version).toBe(2);
    expect(second.checks.checks.filter((c) => c.conditionId === 'c1').map((c) => c.type)).toEqual(['not_linked']);
    const before = storeSnapshot(core);
    const stale = await core.raw('proposal.save', { caseId: record.id, version: 1, proposal: proposal() });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', currentVersion: 2 } });
    expect(storeSnapshot(core)).toBe(before);
    expect(await core.call('proposal.get', { caseId: record.id })).toMatchObject({ version: 2, proposal: rewritten });
  });

  it('records each acknowledgement in the audit, with the length of its reason but not its words', async () => {
    const record = await poorCaseWithUnsafeHome();
    const first = await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposal() });
    const vague = first.checks.checks.find((c) => c.type === 'vague_term')!;
    const reason = 'The court’s standard wording; the named associates are listed in the schedule.';
    const second = await core.call('proposal.save', { caseId: record.id, version: 1, proposal: proposal({ acknowledgements: [{ checkId: vague.id, reason }] }) });
    expect(second.checks.checks.find((c) => c.id === vague.id)).toMatchObject({ acknowledged: { reason } });
    expect(second.checks.open).toBe(first.checks.open - 1);
    const rows = core.db.prepare(`SELECT action, version, changes FROM audit WHERE entity = 'proposal' AND entity_id = ? ORDER BY id`).all(record.id) as Array<{ action: string; version: number; changes: string }>;
    expect(rows.map((r) => [r.action, r.version])).toEqual([['create', 1], ['update', 2]]);
    expect(readStoredChanges(rows[1]!.changes)).toContainEqual({ path: `$.acknowledged[${JSON.stringify(vague.id)}]`, after: { kind: 'text', length: reason.length } });
    expect(rows[1]!.changes).not.toContain(reason);
  });
});

describe('the renderer runs the same checks as main', () => {
  it('compiles the catalogue it is sent and, with the profile it is sent, finds exactly the checks and matches main finds', async () => {
    const record = await poorCaseWithUnsafeHome();
    const source = (await core.call('options.catalogue', {})) as CatalogueSource;
    expect(source.options.map((f) => f.file)).toEqual(expect.arrayContaining(['options.sentencing.json']));
    const compiled = compileCatalogue(source);
    const { profile, language } = await core.call('options.profile', { caseId: record.id });
    const draft = proposal({ conditions: [{ id: 'c1', text: 'Avoid bad company' }, { id: 'c2', text: 'Be at home 21:00-06:00, Monday to Friday', link: { need: 'relationships' } }] });
    const saved = await core.call('proposal.save', { caseId: record.id, version: 0, proposal: draft });
    expect(checkConditions(draft, profile, language, compiled, [])).toEqual(saved.checks);
    expect(matchOptions(compiled, [], profile, { language, proposal: draft })).toEqual(await core.call('options.match', { caseId: record.id }));
  });
});

describe('the case file carries the proposal', () => {
  it('round-trips as version 3: case, interview and proposal', async () => {
    const record = await poorCaseWithUnsafeHome();
    await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposal() });
    const file = await core.call('caseFile.export', { id: record.id });
    expect(file).toMatchObject({ formatVersion: 5, proposal: proposal() });
    const other = testCore();
    try {
      const imported = await other.call('caseFile.import', { file: JSON.parse(JSON.stringify(file)) });
      expect((await other.call('proposal.get', { caseId: imported.id })).proposal).toEqual(proposal());
      expect((await other.call('interview.open', { caseId: imported.id })).interview).toEqual(file.interview);
    } finally {
      other.cleanup();
    }
  });

  it('still imports a version 2 file, and writes nothing when the proposal is invalid', async () => {
    const v2 = { format: 'psr-case-file', formatVersion: 2, case: caseDetails(), interview: interview({ 'finance.monthlyIncome': answered(450) }) };
    const imported = await core.call('caseFile.import', { file: v2 });
    expect((await core.call('proposal.get', { caseId: imported.id })).version).toBe(0);
    const before = storeSnapshot(core);
    const bad = { ...v2, formatVersion: 3, case: caseDetails({ caseNumber: 'CR-2' }), proposal: { ...proposal(), rationale: '  ' } };
    const refused = await core.raw('caseFile.import', { file: bad });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.proposal.rationale' } });
    expect(storeSnapshot(core)).toBe(before);
  });
});

describe('the case file carries charge categories and, when the sender chooses, the local programmes', () => {
  it('exports the programmes only on request, and psr render matches a women’s centre from the file alone', async () => {
    const c = womanWithTwoDependants();
    const record = await core.call('cases.create', { details: c.details });
    await core.call('interview.save', { caseId: record.id, version: 0, interview: c.interview });
    const centre = await core.call('programmes.create', { details: details({ name: 'Kestrel Lane Women’s Centre', needs: ['trauma'] }) });
    // The report lists what the officer proposed: here the centre, which the file must carry.
    await core.call('proposal.save', { caseId: record.id, version: 0, proposal: proposal({ selected: [{ type: 'programme', id: centre.id }] }) });
    expect((await core.call('caseFile.export', { id: record.id })).programmes).toBeUndefined();
    const file = await core.call('caseFile.export', { id: record.id, includeProgrammes: true });
    expect(file.programmes?.map((p) => p.id)).toEqual([centre.id]);

    const dir = tempDir('psr-options-render-');
    try {
      const path1 = path.join(dir, 'case.json');
      fs.writeFileSync(path1, JSON.stringify(file));
      const out = path.join(dir, 'report.docx');
      const result = await cli(core, 'render', path1, '--template', 'full-report', '--out', out);
      expect(result.code).toBe(0);
      const xml = strFromU8(unzipSync(fs.readFileSync(out))['word/document.xml']!);
      expect(xml).toContain('Kestrel Lane Women’s Centre');
      // The CLI's own export asks for them with --with-programmes.
      const cliOut = path.join(dir, 'exported.json');
      expect((await cli(core, 'export-case', record.id, '--out', cliOut, '--with-programmes')).code).toBe(0);
      expect((JSON.parse(fs.readFileSync(cliOut, 'utf8')) as { programmes: unknown[] }).programmes).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a charge’s category and seriousness, and the options read them', async () => {
    const c = youngAdultRobbery();
    const record = await core.call('cases.create', { details: c.details });
    expect(record.details.charges[0]).toMatchObject({ category: 'violence', seriousness: 'high' });
    await core.call('interview.save', { caseId: record.id, version: 0, interview: c.interview });
    const result = await core.call('options.match', { caseId: record.id });
    expect(result.items.find((i) => i.optionId === 'sentencing.conditional_discharge')).toMatchObject({ status: 'not_suitable' });
    expect(result.items.some((i) => i.optionId === 'diversion.caution')).toBe(false);
    const refused = await core.raw('cases.create', { details: { ...c.details, charges: [{ ...c.details.charges[0]!, category: 'arson' }] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', path: '$.details.charges[0].category' } });
  });
});

describe('the options page, psr options and the report agree with the expert table', () => {
  it.each(table.map((t) => [t.who, t] as const))('for %s', async (_who, { person, rows }) => {
    const c = person();
    const record = await core.call('cases.create', { details: c.details });
    await core.call('interview.save', { caseId: record.id, version: 0, interview: c.interview });
    // The Options page shows what options.match returns; psr options prints the same call.
    const page = await core.call('options.match', { caseId: record.id });
    const printed = JSON.parse((await cli(core, '--json', 'options', record.id)).out) as MatchResult;
    expect(printed).toEqual(page);
    const human = (await cli(core, 'options', record.id)).out;
    const words = { suitable: 'SUITABLE', suitable_with_concerns: 'WITH CONCERNS', not_suitable: 'NOT SUITABLE' } as const;
    for (const [option, status] of rows) {
      const item = page.items.find((i) => i.optionId === option);
      if (status === '-') {
        expect(item).toBeUndefined();
        continue;
      }
      expect(item?.status, option).toBe(STATUS[status]);
      const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(human).toMatch(new RegExp(`^${escape(`${words[STATUS[status]]}: ${item!.name} [`)}`, 'm'));
    }
  });

  it('lists no sentencing option in a pre-trial report and no caution in a report after conviction', async () => {
    const dir = tempDir('psr-options-report-');
    try {
      for (const [c, template, absent] of [
        [table[5]!.person(), 'pre-trial-report', ['Day-fine', 'Community service', 'Driving disqualification']],
        [table[3]!.person(), 'full-report', ['Caution or warning', 'Conditional dismissal']],
      ] as const) {
        const file = path.join(dir, `${c.details.caseNumber}.json`);
        fs.writeFileSync(file, JSON.stringify({ format: 'psr-case-file', formatVersion: 4, case: c.details, interview: c.interview }));
        const out = path.join(dir, `${c.details.caseNumber}.docx`);
        expect((await cli(core, 'render', file, '--template', template, '--out', out)).code).toBe(0);
        const text = strFromU8(unzipSync(fs.readFileSync(out))['word/document.xml']!).replace(/<[^>]+>/g, ' ');
        for (const name of absent) expect(text, `${name} in ${template}`).not.toContain(name);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('psr conditions', () => {
  it('prints the saved proposal’s checks as the Proposal page groups them, and the same checks with --json', async () => {
    const record = await poorCaseWithUnsafeHome();
    expect((await cli(core, 'conditions', record.id)).out).toMatch(/No proposal has been saved/);
    const saved = await core.call('proposal.save', {
      caseId: record.id,
      version: 0,
      proposal: proposal({ conditions: [{ id: 'c1', text: 'Avoid bad company' }, { id: 'c2', text: 'Do not knowingly contact Jane Doe until 2027-06-30', link: { need: 'relationships' } }] }),
    });
    const human = (await cli(core, 'conditions', record.id)).out;
    expect(human).toMatch(new RegExp(`^${saved.checks.open} checks are open \\(proposal version 1\\)`));
    expect(human).toMatch(/Checks on condition 1: Avoid bad company\n( {2}- .*\n)*? {2}- .*bad company/);
    const json = JSON.parse((await cli(core, '--json', 'conditions', record.id)).out) as { checks: unknown[]; open: number };
    expect(json).toMatchObject({ version: 1, ...saved.checks });
  });
});

describe('psr programmes and psr options', () => {
  it('add, list, export, import, retire, and show a case’s matched options with reasons', async () => {
    const dir = tempDir('psr-cli-options-');
    try {
      const file = path.join(dir, 'p.json');
      fs.writeFileSync(file, JSON.stringify(details()));
      // Local programmes are managed by an administrator: the store's officer is refused, by name of the role.
      expect((await cli(core, 'programmes', 'add', file)).err).toMatch(/needs the administrator role/);
      await core.call('people.add', { details: { fullName: 'Ada Admin', role: 'administrator', team: 'Systems', service: 'Probation Service' } });
      const admin = ['--as', 'Ada Admin'];
      const added = await cli(core, ...admin, 'programmes', 'add', file);
      expect(added).toMatchObject({ code: 0, err: '' });
      const id = /as ([0-9a-f-]{36})\./.exec(added.out)![1]!;
      expect((await cli(core, ...admin, 'programmes', 'list')).out).toMatch(/Riverside Women’s Centre\s+Riverside Trust\s+referral_womens_centre\s+12 River Street\s+active/);
      const out = path.join(dir, 'out.json');
      expect((await cli(core, ...admin, 'programmes', 'export', '--out', out)).code).toBe(0);
      expect((await cli(core, ...admin, 'programmes', 'import', out)).out).toMatch(/0 added, 0 updated, 1 unchanged/);
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ format: 'psr-programmes', formatVersion: 1, programmes: [{ ...details(), kind: 'nope' }, { ...details(), languages: [] }] }));
      const bad = await cli(core, ...admin, 'programmes', 'import', path.join(dir, 'bad.json'));
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('$.programmes[1].languages');
      expect((await cli(core, ...admin, 'programmes', 'retire', id)).out).toMatch(/^Retired programme/);

      const record = await poorCaseWithUnsafeHome();
      const human = await cli(core, '--as', 'officer.test', 'options', record.id);
      expect(human.out).toMatch(/NOT SUITABLE: Fine \[sentencing, rank 12\]\n( {2}- .*\n)* {2}- .*unable without hardship/);
      expect(human.out).toMatch(/NOT SUITABLE: House arrest.*\n( {2}- .*\n)* {2}- Not suitable: domestic abuse in the household is recorded/);
      const json = await cli(core, '--as', 'officer.test', '--json', 'options', record.id);
      expect((JSON.parse(json.out) as { items: unknown[] }).items.length).toBeGreaterThan(20);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
