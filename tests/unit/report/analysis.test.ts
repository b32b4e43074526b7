import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReportTemplate, type AnswerItem } from '../../../main/contract/report';
import type { Proposal } from '../../../main/contract/options';
import type { ReportText } from '../../../main/contract/reportText';
import { analyseReport, readinessOf, type AnalysisInput } from '../../../main/domain/report/analysis';
import { hasMessage } from '../../../main/contract/messages';

const template = ReportTemplate.parse(JSON.parse(readFileSync('templates/reports/short-format-report.json', 'utf8')));
const item = (over: Partial<AnswerItem>): AnswerItem => ({ id: 'x.y', label: 'Label', value: 'Value', status: 'answered', kind: 'fact', source: { kind: 'self_reported' }, notForDisclosure: false, ...over });
const home = { id: 'home', title: 'Home', required: true, opinion: false, analytical: true, evidence: [item({ id: 'home.stable', label: 'Stable home', value: 'Yes' })] };
const risk = { id: 'risk', title: 'Risk', required: false, opinion: true, analytical: true, evidence: [item({ id: 'risk.level', label: 'Risk level', value: 'Medium' })] };
const proposal = (link?: { need?: 'accommodation'; risk?: string }): Proposal => ({
  selected: [{ type: 'option', id: 'community_order' }],
  rationale: 'Because.',
  alternatives: [],
  conditions: [{ id: 'c1', text: 'Attend housing appointments', link }],
  acknowledgements: [],
});
const own = 'She has lived there two years and it keeps her away from old friends.';
const input = (over: Partial<AnalysisInput> = {}, text: Partial<ReportText> = {}): AnalysisInput => ({
  template,
  text: { sections: { home: { text: own }, risk: { text: 'The score reflects her early record, not her present life.' } }, acknowledgements: [], ...text },
  sections: [home, risk],
  proposal: proposal({ need: 'accommodation' }),
  riskAssessments: [{ instrument: 'OGRS', date: '2026-01-01', result: 'medium' }],
  needs: ['accommodation'],
  avoidWords: [{ word: 'offender', suggestion: 'the person' }],
  openConditionChecks: 0,
  ...over,
});
const ids = (i: AnalysisInput) => analyseReport(i).map((c) => c.id);

describe('checks on the officer’s analysis', () => {
  it('finds nothing in a report written in the officer’s own words, linked to the needs', () => {
    expect(analyseReport(input())).toEqual([]);
  });

  it('says a section only restates the answers, until the officer adds a sentence of their own', () => {
    const restating = input({ drafted: () => 'Ana has a stable home.' }, { sections: { home: { text: 'Ana has a stable home. Stable home: Yes.' }, risk: { text: 'x.' } } });
    expect(ids(restating)).toContain('restates:home');
    const withOwn = input({ drafted: () => 'Ana has a stable home.' }, { sections: { home: { text: `Ana has a stable home. ${own}` }, risk: { text: 'x.' } } });
    expect(ids(withOwn)).not.toContain('restates:home');
  });

  it('says a condition is linked to no need or risk, until it is linked', () => {
    expect(ids(input({ proposal: proposal() }))).toContain('proposalUnlinked:c1');
    expect(ids(input({ proposal: proposal({ risk: 'eviction' }), needs: [] }))).not.toContain('proposalUnlinked:c1');
  });

  it('says an assessed need is answered by no condition, until a condition is linked to it', () => {
    expect(ids(input({ proposal: proposal({ risk: 'eviction' }) }))).toContain('needUnanswered:accommodation');
    expect(ids(input())).not.toContain('needUnanswered:accommodation');
  });

  it('says a risk score has no reasons while the risk section is empty', () => {
    expect(ids(input({}, { sections: { home: { text: own } } }))).toContain('scoreWithoutReasons:risk');
    expect(ids(input())).not.toContain('scoreWithoutReasons:risk');
  });

  it('says a verified fact needs a source, until by whom or how is recorded', () => {
    const unsourced = { ...home, evidence: [item({ id: 'home.tenancy', source: { kind: 'verified' } })] };
    expect(ids(input({ sections: [unsourced, risk] }))).toContain('factWithoutSource:home.tenancy');
    const sourced = { ...home, evidence: [item({ id: 'home.tenancy', source: { kind: 'verified', by: 'Landlord' } })] };
    expect(ids(input({ sections: [sourced, risk] }))).not.toContain('factWithoutSource:home.tenancy');
  });

  it('names an avoided word as a whole word in any case, with its suggestion', () => {
    const checks = analyseReport(input({}, { sections: { home: { text: `${own} The OFFENDER said so.` }, risk: { text: 'No offenders here.' } } }));
    expect(checks.filter((c) => c.kind === 'avoidWord')).toEqual([expect.objectContaining({ id: 'avoidWord:home:offender', word: 'offender', suggestion: 'the person', sectionId: 'home' })]);
  });

  it('carries the officer’s reason on an acknowledged check', () => {
    const acked = analyseReport(input({ proposal: proposal() }, { acknowledgements: [{ checkId: 'proposalUnlinked:c1', reason: 'Court asked for it' }] }));
    expect(acked.find((c) => c.id === 'proposalUnlinked:c1')?.acknowledged).toBe('Court asked for it');
  });

  it('explains each check in a sentence from the catalogue', () => {
    const all = analyseReport(input({ proposal: proposal(), drafted: () => own, sections: [{ ...home, evidence: [item({ id: 'home.t', source: { kind: 'third_party' } })] }, risk] }, { sections: { home: { text: `${own} offender.` } } }));
    expect(new Set(all.map((c) => c.kind)).size).toBeGreaterThanOrEqual(5);
    for (const c of all) expect(hasMessage(c.message.key)).toBe(true);
  });
});

describe('readiness for a final report', () => {
  it('passes when everything is written, linked and acknowledged', () => {
    const acked = input({ proposal: proposal() }, { acknowledgements: [{ checkId: 'proposalUnlinked:c1', reason: 'Court asked for it' }, { checkId: 'needUnanswered:accommodation', reason: 'Housed already' }] });
    expect(readinessOf(acked)).toEqual({ ready: true, blockers: [] });
  });

  it('is blocked by an unwritten required section, an unedited draft, no proposal, open condition checks and open analysis checks', () => {
    const kinds = (i: AnalysisInput) => readinessOf(i).blockers.map((b) => b.kind);
    expect(kinds(input({}, { sections: { risk: { text: 'Reasons.' } } }))).toContain('unwrittenSection');
    expect(kinds(input({}, { sections: { home: { text: own, drafted: own }, risk: { text: 'Reasons.' } } }))).toContain('draftedNotEdited');
    expect(kinds(input({ proposal: undefined }))).toContain('noProposal');
    expect(kinds(input({ openConditionChecks: 2 }))).toContain('openConditionCheck');
    expect(kinds(input({ proposal: proposal() }))).toContain('openAnalysisCheck');
    for (const b of readinessOf(input({ proposal: undefined, openConditionChecks: 1 })).blockers) expect(hasMessage(b.message.key)).toBe(true);
  });

  it('is blocked by a fact without a source even when acknowledged', () => {
    const unsourced = { ...home, evidence: [item({ id: 'home.tenancy', source: { kind: 'third_party' } })] };
    const i = input({ sections: [unsourced, risk] }, { acknowledgements: [{ checkId: 'factWithoutSource:home.tenancy', reason: 'Trust me' }] });
    expect(readinessOf(i).blockers.map((b) => b.kind)).toEqual(['factWithoutSource']);
  });
});
