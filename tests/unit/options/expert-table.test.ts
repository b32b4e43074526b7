import { describe, expect, it } from 'vitest';
import { formForReportType } from '../../../main/domain/interviewRules';
import { loadForms } from '../../../main/loaders/forms';
import { loadCatalogue } from '../../../main/loaders/catalogue';
import { loadJurisdiction } from '../../../main/loaders/dataFiles';
import type { MatchItem, MatchResult } from '../../../main/contract/options';
import { deriveProfile, matchOptions, optionFacts } from '../../../main/domain/options';
import { formatFact } from '../../../main/domain/options/text';
import type { InterviewCase } from '../../fixtures/interviews';
import { youngAdultRobbery } from '../../fixtures/people';
import { STATUS, table } from './expertTable';

// The table itself, with how to read it: tests/unit/options/expertTable.ts.

const forms = loadForms();
const catalogue = loadCatalogue();
const jurisdiction = loadJurisdiction('default');

function profileOf(c: InterviewCase) {
  const form = formForReportType(forms, c.details.reportType)!;
  return deriveProfile(c.details, c.interview, jurisdiction, { form, language: catalogue.languages.get('en')! });
}
const matchOf = (c: InterviewCase): MatchResult => matchOptions(catalogue, [], profileOf(c));

describe.each(table)('for $who', ({ person, rows }) => {
  const result = matchOf(person());
  it.each(rows)('%s is %s, decided by %s', (option, status, decidedBy) => {
    const item = result.items.find((i) => i.optionId === option);
    if (status === '-') {
      expect(item, `${option} should not be listed at this stage`).toBeUndefined();
      expect(catalogue.byId.has(option)).toBe(true);
      return;
    }
    expect(item, `${option} should be listed`).toBeDefined();
    expect(item!.status).toBe(STATUS[status]);
    const deciding = item!.reasons.filter((r) => r.ruleId === decidedBy);
    expect(deciding.length, `${option} has no reason from ${decidedBy}`).toBe(1);
    // The named rule is what sets the status: failed with that effect, or met for a suitable option.
    if (status === 'S') expect(deciding[0]!.outcome).toBe('met');
    else expect(deciding[0]!.effect).toBe(STATUS[status]);
  });
});

describe('every reason an option shows agrees with the facts it cites', () => {
  const people = table.map((t) => t.person());
  const needRules: Record<string, string> = { 'need.alcohol': 'alcohol', 'need.substance_use': 'substance_use', 'need.mental_health': 'mental_health' };

  it.each(table.map((t, i) => [t.who, i] as const))('for %s', (_who, i) => {
    const profile = profileOf(people[i]!);
    const facts = optionFacts(profile);
    for (const item of matchOptions(catalogue, [], profile).items) {
      for (const r of item.reasons) {
        if (r.outcome === 'unknown') continue;
        // A fact cited by name is the person's fact, as recorded.
        for (const [name, value] of Object.entries(r.params)) {
          if (name in facts.values) expect(value, `${item.optionId} ${r.ruleId} cites ${name}`).toEqual(formatFact(facts.values[name as keyof typeof facts.values], name));
        }
        // A card never lists a need it addresses and also says that need is not recorded.
        const need = needRules[r.ruleId];
        if (need && r.outcome === 'failed') expect(item.needsAddressed, `${item.optionId}`).not.toContain(need);
        if ((r.ruleId === 'need.addressed' || r.ruleId === 'need.support_relevant') && r.outcome === 'failed') expect(item.needsAddressed).toEqual([]);
      }
    }
  });
});

describe('ordering follows the rule written in the catalogue settings', () => {
  const first = (items: MatchItem[]) => items.filter((i) => i.prioritised);

  it('puts the young adult’s open diversion first, then least restrictive first', () => {
    const items = matchOf(youngAdultRobbery()).items;
    const pulled = first(items);
    expect(pulled.length).toBeGreaterThan(0);
    expect(items.slice(0, pulled.length)).toEqual(pulled);
    expect(pulled.every((i) => i.group === 'diversion' && i.status !== 'not_suitable')).toBe(true);
    const rest = items.slice(pulled.length).map((i) => i.restrictiveness);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  it('changes when the settings change: without priority rules the list is least restrictive first', () => {
    const plain = { ...catalogue, settings: { ...catalogue.settings, ordering: { ...catalogue.settings.ordering, priority: [] } } };
    const items = matchOptions(plain, [], profileOf(youngAdultRobbery())).items;
    expect(items.some((i) => i.prioritised)).toBe(false);
    const ranks = items.map((i) => i.restrictiveness);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
