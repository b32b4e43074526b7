import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../main/contract/options';
import { messages } from '../../../main/contract/messages';
import { deriveFacts } from '../../../main/domain/rules';
import { buildReportContext, type BuildReportContextInput } from '../../../main/domain/report/context';
import { womanWithTwoDependants } from '../../fixtures/interviews';
import { form } from '../forms/shipped';

// The report's fixed phrases (no proposal yet, Yes/No, not stated, durations, the author's role)
// are the message catalogue's in the report's language, never English written into the code.
// A stand-in language proves it: whatever the catalogue says in it, the report says.
const probe = 'eo'; // a language the catalogue does not ship
messages(probe).addResourceBundle(
  probe,
  'translation',
  {
    report: {
      docx: {
        noProposal: 'P-none',
        noRationale: 'R-none',
        noAlternatives: 'A-none',
        yes: 'P-yes',
        no: 'P-no',
        notLinked: 'P-unlinked',
        notStated: 'P-unstated',
        until: 'P-until {{date}}',
        duration: { weeks_one: 'P-{{count}}-week', weeks_other: 'P-{{count}}-weeks' },
      },
      role: { probation_officer: 'P-officer' },
    },
  },
  true,
  true,
);

function build(language: string, extra: Partial<BuildReportContextInput> = {}) {
  const c = womanWithTwoDependants();
  return buildReportContext({
    details: c.details,
    interview: c.interview,
    form: form('full'),
    facts: deriveFacts(c.details, { youngAdultUpperAge: 25 }),
    reportDate: '2026-11-26',
    status: 'draft',
    author: { name: 'Officer Jane Doyle', role: 'probation_officer' },
    language,
    ...extra,
  });
}

const proposal = (conditions: Proposal['conditions']): Proposal => ({
  selected: [{ type: 'option', id: 'sentencing.community_order' }],
  rationale: 'Because.',
  conditions,
  alternatives: [],
  acknowledgements: [],
});

describe('the report’s fixed phrases', () => {
  it('come from the catalogue in the report’s language', () => {
    const ctx = build(probe);
    expect(ctx.proposal).toMatchObject({ options: ['P-none'], rationale: 'R-none', alternatives: 'A-none' });
    expect(ctx.author.role).toBe('P-officer');
    const answers = Object.values(ctx.sections).flatMap((s) => s.items);
    expect(answers.find((i) => i.id === 'participation.purposeExplained')?.value).toBe('P-yes');
  });

  it('are the English ones in an English report, with the author’s role worded from its id', () => {
    const ctx = build('en-GB');
    expect(ctx.proposal.options).toEqual(['No proposal has been recorded yet.']);
    expect(ctx.author.role).toBe('Probation officer');
  });

  it('word a condition’s link, duration and end by the language’s plural rules', () => {
    const one = { id: 'c1', text: 'Attend.', duration: { amount: 1, unit: 'weeks' as const } };
    const many = { id: 'c2', text: 'Attend.', duration: { amount: 3, unit: 'weeks' as const }, link: { need: 'accommodation' as const } };
    const none = { id: 'c3', text: 'Attend.' };
    const en = build('en-GB', { proposal: proposal([one, many, none]) }).proposal.conditions;
    expect(en.map((c) => c.duration)).toEqual(['1 week', '3 weeks', 'Not stated']);
    expect(en.map((c) => c.linkedTo)).toEqual(['Not linked', 'Accommodation', 'Not linked']);
    const probed = build(probe, { proposal: proposal([one, many, none]) }).proposal.conditions;
    expect(probed.map((c) => c.duration)).toEqual(['P-1-week', 'P-3-weeks', 'P-unstated']);
    expect(probed[0]!.linkedTo).toBe('P-unlinked');
  });
});
