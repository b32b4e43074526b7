import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ReportContext } from '../../../main/contract/report';
import type { MatchResult, Proposal } from '../../../main/contract/options';
import { validateInterview } from '../../../main/domain/forms';
import { deriveFacts } from '../../../main/domain/rules';
import { answerSectionsOf, buildReportContext, NO_PROPOSAL, type BuildReportContextInput } from '../../../main/domain/report/context';
import { loadReportTemplate } from '../../../main/loaders/reportTemplates';
import { previewReport, renderReportFile } from '../../../main/export';
import { preTrial, womanWithTwoDependants, youngAdult, type InterviewCase } from '../../fixtures/interviews';
import { form } from '../forms/shipped';

const author = { name: 'Officer Jane Doyle', role: 'Probation officer' };

function build(c: InterviewCase, extra: Partial<BuildReportContextInput> = {}): ReportContext {
  const f = form(c.interview.formId as 'full' | 'pre-trial');
  return buildReportContext({
    details: c.details,
    interview: c.interview,
    form: f,
    facts: deriveFacts(c.details, { youngAdultUpperAge: 25 }),
    reportDate: '2026-11-26',
    status: 'draft',
    author,
    language: 'en-GB',
    ...extra,
  });
}

const items = (ctx: ReportContext, key: string) => ctx.sections[key]?.items ?? [];

describe('buildReportContext: interview answers into the report context', () => {
  it('the fixtures are interviews the shipped forms accept', () => {
    for (const c of [womanWithTwoDependants(), youngAdult(), preTrial()]) {
      const issues = validateInterview(form(c.interview.formId as 'full'), c.interview, deriveFacts(c.details, { youngAdultUpperAge: 25 }));
      expect(issues.filter((i) => i.kind !== 'missing'), c.details.caseNumber).toEqual([]);
    }
  });

  it('a woman with two dependants: labelled items, words for choices, lists from groups, flags kept', () => {
    const ctx = ReportContext.parse(build(womanWithTwoDependants()));
    expect(ctx.facts).toMatchObject({ isWoman: true, isYoungAdult: false, hasDependants: true, stage: 'convicted' });

    const engagement = items(ctx, 'engagement');
    expect(engagement.find((i) => i.id === 'participation.purposeExplained')).toMatchObject({ label: 'Was the purpose of the report explained?', value: 'Yes', kind: 'fact', source: { kind: 'observation', by: author.name } });
    expect(engagement.find((i) => i.id === 'case.documentsReceived')?.value).toMatch(/;/);

    // Two dependants: one item each, the child's first name split off as a not-for-disclosure item.
    const dependants = items(ctx, 'dependants');
    const rows = dependants.filter((i) => /^dependants\.people\.\d$/.test(i.id));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.value).toContain('4');
    expect(rows.map((r) => r.value).join(' ')).not.toMatch(/Tobiah|Marisol/);
    expect(dependants.filter((i) => i.notForDisclosure).map((i) => i.value)).toEqual(['Tobiah', 'Marisol']);
    expect(dependants.find((i) => i.id === 'caregiving.bestInterests')?.kind).toBe('assessment');

    // Victimisation and gender-responsive needs are read with the women's section.
    const women = items(ctx, 'women');
    expect(women.find((i) => i.id === 'trauma.experiences')).toMatchObject({ notForDisclosure: true });
    expect(women.find((i) => i.id === 'womensNeeds.womenOnlyServices')?.value).not.toBe('yes');

    // Declined is recorded, never a gap.
    expect(items(ctx, 'circumstances').find((i) => i.id === 'substance.use')).toMatchObject({ status: 'declined', value: '' });
    expect(items(ctx, 'circumstances').find((i) => i.id === 'finance.monthlyIncome')?.value).toMatch(/^950 /);

    expect(ctx.previousConvictions).toEqual([{ date: '2019', court: '', offence: 'Theft from a shop', outcome: 'Conditional discharge, 12 months', response: expect.any(String) }]);
    expect(ctx.riskAssessments).toEqual([{ instrument: "Women's Risk Needs Assessment", date: '2026-11-19', result: 'Low' }]);
    // A source whose name is not for disclosure is left out whole: not in the sources table, and
    // no stray "Source 2" line in another section that would show something was withheld.
    expect(ctx.sources).toHaveLength(1);
    expect(JSON.stringify(ctx)).not.toContain('Kestrelmoor');
    expect(Object.values(ctx.sections).flatMap((sec) => sec.items).some((i) => i.id.startsWith('case.sourcesConsulted'))).toBe(false);
    expect(items(ctx, 'risk').find((i) => i.id === 'risk.level')?.kind).toBe('assessment');
  });

  it('keeps a source with one part not for disclosure in the sources table, that part blank under its own heading', () => {
    const c = womanWithTwoDependants();
    c.interview.answers['case.sourcesConsulted'] = {
      status: 'answered',
      rows: [
        { source: { status: 'answered', value: 'Riverside GP surgery' }, kind: { status: 'answered', value: 'health' }, how: { status: 'answered', value: 'phone' }, contactedOn: { status: 'answered', value: '2026-11-18', notForDisclosure: true } },
        { source: { status: 'answered', value: 'Housing office' }, kind: { status: 'answered', value: 'other' } },
      ],
    };
    const ctx = build(c);
    expect(ctx.sources).toHaveLength(2);
    expect(ctx.sources[0]).toMatchObject({ description: 'Riverside GP surgery (Health service)', by: 'Telephone' });
    expect(ctx.sources[0]!.date).toBeUndefined();
    expect(ctx.sources[1]).toMatchObject({ by: '' });
    // In the document each source is one row of four cells, empty ones included, so nothing shifts.
    const model = previewReport(ctx, 'full-report');
    const table = model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.header[0] === 'Source');
    if (table?.kind !== 'table') throw new Error('no sources table');
    expect(table.rows).toHaveLength(2);
    for (const row of table.rows) expect(row).toHaveLength(table.header.length);
    expect(Object.values(ctx.sections).flatMap((sec) => sec.items).some((i) => i.id.startsWith('case.sourcesConsulted'))).toBe(false);
  });

  it('says honestly that no options and no proposal have been recorded yet', () => {
    const ctx = build(womanWithTwoDependants());
    expect(ctx.options).toEqual([]);
    expect(ctx.proposal.options).toEqual([NO_PROPOSAL]);
    const model = previewReport(ctx, 'full-report');
    expect(JSON.stringify(model)).toContain(NO_PROPOSAL);
  });

  it('takes options from the match and the proposal by name', () => {
    const match: MatchResult = {
      notes: [],
      items: [
        {
          ref: { type: 'option', id: 'sentencing.community_order' },
          optionId: 'sentencing.community_order',
          kind: 'community_order',
          group: 'sentencing',
          name: 'Community order',
          provider: 'Probation service',
          restrictiveness: 5,
          status: 'suitable_with_concerns',
          reasons: [{ ruleId: 'consent', outcome: 'unknown', effect: 'suitable_with_concerns', key: 'k', params: {}, message: 'Not recorded: consent to community service.' }],
          needsAddressed: ['finance'],
          prioritised: false,
        },
      ],
    };
    const proposal: Proposal = {
      selected: [{ type: 'option', id: 'sentencing.community_order' }],
      rationale: 'It addresses the causes of the offending without separating the children from their mother.',
      alternatives: [{ description: 'Fine', reasonSetAside: 'She cannot afford it.' }],
      conditions: [{ id: 'c1', text: 'Attend the women’s centre weekly', link: { need: 'trauma' }, duration: { amount: 12, unit: 'weeks' }, review: { after: { amount: 6, unit: 'weeks' } } }],
      acknowledgements: [],
    };
    const ctx = ReportContext.parse(build(womanWithTwoDependants(), { match, proposal }));
    expect(ctx.options).toEqual([
      { name: 'Community order', kind: 'Community order', provider: 'Probation service', suitability: 'suitable_with_conditions', decision: 'proposed', reasons: ['Not recorded: consent to community service.'] },
      { name: 'Fine', kind: '', provider: '', suitability: 'not_suitable', decision: 'set_aside', reasons: ['She cannot afford it.'] },
    ]);
    expect(ctx.proposal).toEqual({
      options: ['Community order'],
      rationale: proposal.rationale,
      conditions: [{ requirement: 'Attend the women’s centre weekly', linkedTo: 'Trauma', duration: '12 weeks', review: 'after 6 weeks' }],
      alternatives: 'Fine: She cannot afford it.',
    });
  });

  it('lists only the options proposed and those set aside, never the rest of the catalogue, a pre-trial measure after conviction, or a hint that something was withheld', () => {
    const matchItem = (id: string, group: 'sentencing' | 'pre_trial', name: string, reasons: MatchResult['items'][number]['reasons'] = []): MatchResult['items'][number] => ({
      ref: { type: 'option', id },
      optionId: id,
      kind: id.split('.')[1]!,
      group,
      name,
      restrictiveness: 3,
      status: 'suitable',
      reasons,
      needsAddressed: [],
      prioritised: false,
    });
    const withheld = { ruleId: 'x', outcome: 'met' as const, effect: 'suitable' as const, key: 'options.withheld', params: {}, message: 'A recorded fact that is not for disclosure decided this (the reason is withheld from the report).' };
    const match: MatchResult = {
      notes: [],
      items: [
        matchItem('sentencing.community_order', 'sentencing', 'Community order', [withheld, { ruleId: 'y', outcome: 'met', effect: 'suitable', key: 'k', params: {}, message: 'Low risk.' }]),
        matchItem('sentencing.unpaid_work', 'sentencing', 'Unpaid work'),
        matchItem('sentencing.fine', 'sentencing', 'Fine'),
        matchItem('pre_trial.bail', 'pre_trial', 'Bail without financial surety'),
      ],
    };
    const proposal: Proposal = {
      selected: [{ type: 'option', id: 'sentencing.community_order' }],
      rationale: 'Addresses the causes.',
      alternatives: [
        { ref: { type: 'option', id: 'sentencing.unpaid_work' }, reasonSetAside: 'No childcare at weekends.' },
        { ref: { type: 'option', id: 'pre_trial.bail' }, reasonSetAside: 'Not a sentence.' },
      ],
      conditions: [],
      acknowledgements: [],
    };
    const ctx = ReportContext.parse(build(womanWithTwoDependants(), { match, proposal }));
    expect(ctx.options.map((o) => [o.name, o.decision, o.reasons])).toEqual([
      ['Community order', 'proposed', ['Low risk.']],
      ['Unpaid work', 'set_aside', ['No childcare at weekends.']],
    ]);
    const text = JSON.stringify(previewReport(ctx, 'full-report'));
    expect(text).not.toContain('Fine');
    expect(text).not.toContain('Bail');
    expect(text).not.toMatch(/withheld|not for disclosure/i);
  });

  it('a young adult: the maturity answers, labelled as the author’s assessment where they are opinions', () => {
    const ctx = ReportContext.parse(build(youngAdult()));
    expect(ctx.facts).toMatchObject({ isYoungAdult: true, isWoman: false, hasDependants: false });
    const maturity = items(ctx, 'maturity');
    expect(maturity.find((i) => i.id === 'maturity.peerSusceptibility')).toMatchObject({ kind: 'assessment', value: expect.not.stringMatching(/^high$/) });
    expect(maturity.find((i) => i.id === 'maturity.personalAdviser')?.notForDisclosure).toBe(true);
    expect(items(ctx, 'circumstances').find((i) => i.id === 'work.hoursPerWeek')?.value).toMatch(/^16/);
    const model = previewReport(ctx, 'full-report');
    expect(model.sections.map((s) => s.id)).toContain('circumstances-maturity');
    expect(JSON.stringify(model)).not.toContain('Vaskovitch');
  });

  it('a pre-trial case: no offence account, even if one was stored; feasibility reads as grounds for release', () => {
    const c = preTrial();
    c.interview.answers['offence.ownAccount'] = { status: 'answered', value: 'An account that must never be reported.' };
    const ctx = build(c);
    expect(ctx.sections.offence).toBeUndefined();
    expect(JSON.stringify(ctx)).not.toContain('must never be reported');
    expect(items(ctx, 'release').map((i) => i.id)).toContain('feasibility.localAvailability');
    const model = previewReport(ctx, 'pre-trial-report');
    expect(model.sections.map((s) => s.id)).not.toContain('offence-analysis');
  });

  it('puts an answer whose section the template lacks under circumstances, and a woman’s needs are evidence for the pre-trial report’s circumstances', () => {
    const c = preTrial();
    c.interview.answers['womensNeeds.womenOnlyServices'] = { status: 'answered', value: 'yes' };
    expect(items(build(c), 'women').map((i) => i.id)).toEqual(['womensNeeds.womenOnlyServices']);
    // A template that prints answers for circumstances and release only.
    const ctx = build(c, { answerSections: ['circumstances', 'release'] });
    expect(ctx.sections.women).toBeUndefined();
    expect(items(ctx, 'circumstances').map((i) => i.id)).toContain('womensNeeds.womenOnlyServices');
    // The shipped pre-trial report prints no answers: her needs are evidence beside the officer's text on her circumstances.
    expect(answerSectionsOf(loadReportTemplate('pre-trial-report'))).toEqual([]);
    expect(loadReportTemplate('pre-trial-report').sections.find((s) => s.id === 'circumstances')?.write?.evidence).toContain('womensNeeds.');
  });

  it('leaves out answers the form no longer shows for this person', () => {
    const c = womanWithTwoDependants();
    c.interview.answers['dependants.hasDependants'] = { status: 'answered', value: false };
    const ctx = build(c);
    expect(ctx.facts.hasDependants).toBe(false);
    expect(items(ctx, 'dependants').map((i) => i.id)).toEqual(['dependants.hasDependants', 'caregiving.pregnant']);
  });

  it('no interview yet: a context with no answers, which still renders', () => {
    const c = womanWithTwoDependants();
    const ctx = buildReportContext({ details: c.details, interview: null, form: form('full'), facts: deriveFacts(c.details, { youngAdultUpperAge: 25 }), reportDate: '2026-11-26', status: 'draft', author, language: 'en' });
    expect(ctx.sections).toEqual({});
    expect(previewReport(ctx, 'full-report').sections.length).toBeGreaterThan(5);
  });

  it('nothing marked not for disclosure reaches any part of the DOCX package, docProps included', async () => {
    for (const [c, template] of [
      [womanWithTwoDependants(), 'full-report'],
      [youngAdult(), 'short-format-report'],
      [preTrial(), 'pre-trial-report'],
    ] as const) {
      const result = await renderReportFile(build(c), template);
      const parts = unzipSync(result.bytes);
      expect(Object.keys(parts)).toEqual(expect.arrayContaining(['word/document.xml', 'docProps/core.xml']));
      const all = Object.entries(parts).map(([name, data]) => `${name}\n${strFromU8(data)}`).join('\n');
      expect(all).toContain(c.details.caseNumber);
      for (const secret of c.secrets) expect(all, `${secret} in ${template}`).not.toContain(secret);
      expect(JSON.stringify(result.model)).not.toMatch(new RegExp(c.secrets.join('|')));
    }
  });
});

describe('previous convictions in the report', () => {
  it('give date, court, offence and outcome, in date order; a conviction recorded with only its year (an older case file) still reads', () => {
    const c = womanWithTwoDependants();
    const row = (offence: string, year: number, extra: Record<string, string> = {}) => ({
      offence: { status: 'answered' as const, value: offence },
      year: { status: 'answered' as const, value: year },
      outcome: { status: 'answered' as const, value: 'Fine £80' },
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { status: 'answered' as const, value: v }])),
    });
    c.interview.answers['history.previousConvictions'] = {
      status: 'answered',
      rows: [
        row('Criminal damage', 2022, { convictedOn: '2022-06-03', court: 'Northgate Crown Court' }),
        row('Theft from a shop', 2019),
        row('Failing to surrender', 2021, { convictedOn: '2021-01-15', court: "City Magistrates' Court" }),
      ],
    };
    const ctx = build(c);
    expect(ctx.previousConvictions.map((p) => [p.date, p.court, p.offence, p.outcome])).toEqual([
      ['2019', '', 'Theft from a shop', 'Fine £80'],
      ['2021-01-15', "City Magistrates' Court", 'Failing to surrender', 'Fine £80'],
      ['2022-06-03', 'Northgate Crown Court', 'Criminal damage', 'Fine £80'],
    ]);
    const model = previewReport(ctx, 'full-report');
    const table = model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.caption === 'Previous convictions');
    if (table?.kind !== 'table') throw new Error('no previous convictions table');
    expect(table.rows.map((r) => r.slice(0, 3).map((cell) => cell.map((l) => l.map((x) => x.text).join('')).join(' ')))).toEqual([
      ['2019', '', 'Theft from a shop'],
      ['15 January 2021', "City Magistrates' Court", 'Failing to surrender'],
      ['3 June 2022', 'Northgate Crown Court', 'Criminal damage'],
    ]);
  });
});
