import { describe, expect, it } from 'vitest';
import { hasMessage, messages } from '../../../main/contract/messages';
import type { MatchingProfile, Programme, Proposal } from '../../../main/contract/options';
import { checkConditions } from '../../../main/domain/options/conditions';
import { matchOptions } from '../../../main/domain/options/match';
import { catalogue, pregnantCaregiver, profile, programme, proposal } from './support';

// Main words each check, note and reason in English for its own log and the CLI's --json; the
// screens, the CLI and the report word it from its key and params in the catalogue. Both must say
// the same thing: these cases raise every kind of message, and the catalogue's English must read
// as main's does (up to typographic quotes, a list's last "and"/"or" and a first capital), so no param is missing.
const t = messages('en').t;
const plain = (s: string) =>
  s
    .replace(/[“”]/g, '"')
    .replace(/’/g, "'")
    .replace(/,? (and|or) /g, ', ')
    // Main starts "this condition ..." in lower case; the catalogue writes a sentence.
    .replace(/^./, (c) => c.toUpperCase());

function said(items: Array<{ key: string; params: Record<string, string | number>; message: string }>) {
  return items.filter((i) => hasMessage(i.key)).map((i) => ({ key: i.key, catalogue: plain(t(i.key, i.params)), main: plain(i.message) }));
}

const programmes: Programme[] = [
  programme('0b0d6f5e-1111-4c3a-9a55-000000000008', {
    name: 'Change Course',
    kind: 'probation_supervision',
    eligibility: { excludedOffences: ['property'], riskLevels: ['high'], minAge: 40, maxAge: 60, consentRequired: ['treatment'] },
    languages: ['pl'],
    capacity: { places: 0, waitingWeeks: 3 },
    cost: { amount: 20, period: 'weekly' },
  }),
  programme('0b0d6f5e-1111-4c3a-9a55-000000000009', { name: 'Women Together', kind: 'probation_supervision', retired: true, eligibility: { genderSpecific: 'women', youngAdultOnly: true, minAge: 40 }, capacity: { places: 0 } }),
  programme('0b0d6f5e-1111-4c3a-9a55-00000000000a', { name: 'Stray', kind: 'no_such_kind' }),
];

const badProposal = (extra: Partial<Proposal> = {}): Proposal =>
  proposal({
    selected: [
      { type: 'option', id: 'sentencing.electronic_monitoring' },
      { type: 'option', id: 'sentencing.fine' },
      { type: 'option', id: 'no.such.option' },
      { type: 'programme', id: '0b0d6f5e-1111-4c3a-9a55-000000000008' },
    ],
    conditions: [
      { id: 'c1', text: 'Attend appointments as directed, Monday to Friday 09:00-17:00.', link: { need: 'accommodation' }, cost: { amount: 30, period: 'monthly' } },
      { id: 'c2', text: 'Keep away from the victim.', link: { risk: 'contact with the victim' } },
      { id: 'c3', text: 'Stay at home 20:00-06:00 every day.' },
      { id: 'c4', text: 'Unpaid work on Saturdays 09:00-13:00 for 3 months.' },
    ],
    ...extra,
  });

describe('the catalogue’s English says what main says', () => {
  const cases: Array<[string, MatchingProfile, Partial<Proposal>?]> = [
    ['a convicted man, every fact recorded', profile()],
    ['a woman caring for children, not assessed, unable to pay', pregnantCaregiver({ risk: 'not_assessed', ableToPay: 'no' })],
    ['a person with no recorded hours', profile({ workingHours: 'unknown', childcareResponsibilities: 'yes', childcareTimes: 'declined', ableToPay: 'unknown', monthlyIncome: 'unknown' })],
    ['a low-risk young adult with little money', profile({ isYoungAdult: true, ageAtReport: 20, ageAtOffence: 19, risk: { instrument: 'OASys', date: '2026-11-02', result: 'low' }, monthlyIncome: 900, monthlyOutgoings: 880, gender: 'not_stated' })],
    ['a pre-trial case', profile({ stage: 'pre_trial', consents: { treatment: 'declined' } })],
    [
      'a woman whose caregiving is not recorded, refusing treatment, some facts declined',
      profile({ gender: 'female', isWoman: true, pregnant: 'unknown', primaryCaregiver: 'declined', fitForUnpaidWork: 'unknown', consents: { treatment: 'no', community_service: 'declined' } }),
      { selected: [{ type: 'option', id: 'sentencing.electronic_monitoring' }] },
    ],
  ];
  for (const [name, person, extra] of cases) {
    it(name, () => {
      const p = badProposal(extra);
      const match = matchOptions(catalogue(), programmes, person, { proposal: p });
      const checks = checkConditions(p, person, 'en', catalogue(), programmes);
      const all = [...said(match.notes), ...said(match.items.flatMap((i) => i.reasons)), ...said(checks.checks)];
      expect(all.length).toBeGreaterThan(0);
      for (const m of all) expect(m.catalogue, m.key).toBe(m.main);
    });
  }
});
