import { describe, expect, it } from 'vitest';
import { Section, type FormDefinition } from '../../../main/contract/form';
import { screenerAnswers, screenerFieldIds, screenerRefusalIssues, screenerRefusals, screenerView } from '../../../main/domain/forms/screener';
import { form } from './shipped';
import { answered, interviewFor } from './support';

// A screener from a civil society organisation answers the part of the interview the service opens
// to screeners in its form data (docs/DOMAIN.md section 1); the rest stays the officer's.

const full = form('full');
const preTrial = form('pre-trial');

describe('the questions open to screeners in the shipped forms', () => {
  it('are the person’s circumstances: home, dependants and caregiving, family, work and money, health', () => {
    const ids = screenerFieldIds(full);
    for (const id of ['home.situation', 'dependants.people', 'caregiving.primaryCaregiver', 'relationships.familySupport', 'work.status', 'finance.monthlyIncome', 'health.conditions', 'mentalHealth.concerns', 'identity.mainLanguage']) {
      expect(ids, id).toContain(id);
    }
  });

  it('never include the account of the offence, the risk assessment or the officer’s own assessment', () => {
    const ids = [...screenerFieldIds(full)];
    const fields = full.sections.flatMap((s) => s.fields);
    const byId = new Map(fields.map((f) => [f.id, f]));
    expect(ids.filter((id) => byId.get(id)?.offenceAccount || byId.get(id)?.authorAssessment)).toEqual([]);
    expect(ids.filter((id) => /^(offence|risk|participation|case|victim)\./.test(id))).toEqual([]);
    // An assessment inside an open section stays the officer's.
    expect(ids).not.toContain('caregiving.bestInterests');
    expect(ids).not.toContain('finance.abilityToPay');
  });

  it('follow a question’s own word over its section’s, either way', () => {
    const ids = screenerFieldIds(full);
    // Closed in an open section.
    expect(ids).not.toContain('identity.immigrationStatus');
    expect(ids).not.toContain('mentalHealth.selfHarm');
    // Open in a section that is not.
    expect(ids).toContain('feasibility.transport');
    expect(ids).not.toContain('feasibility.consentCommunityService');
  });

  it('are in every form that includes the shared sections, before a finding of guilt too', () => {
    expect(screenerFieldIds(preTrial)).toContain('home.situation');
    expect(screenerFieldIds(form('short-format'))).toContain('dependants.hasDependants');
  });
});

describe('the form as a screener sees it', () => {
  it('holds only the sections and questions open to screeners, with the form’s own ids and version', () => {
    const view = screenerView(full);
    expect(view.id).toBe(full.id);
    expect(view.version).toBe(full.version);
    expect(view.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['caregiving', 'accommodation', 'feasibility']));
    expect(view.sections.map((s) => s.id)).not.toContain('riskAssessment');
    expect(view.sections.find((s) => s.id === 'feasibility')!.fields.map((f) => f.id)).toEqual(['feasibility.childcareForAppointments', 'feasibility.transport', 'feasibility.availableDays']);
    expect(new Set(view.sections.flatMap((s) => s.fields.map((f) => f.id)))).toEqual(screenerFieldIds(full));
  });

  it('carries only the screener’s answers out of an interview', () => {
    const interview = interviewFor(full, { 'home.situation': answered('own_tenancy'), 'risk.level': answered('low') });
    expect(Object.keys(screenerAnswers(full, interview))).toEqual(['home.situation']);
  });
});

describe('what a screener may not answer', () => {
  it('is named by the path of each answer: the officer’s questions and questions the form does not have', () => {
    const interview = interviewFor(full, {
      'home.situation': answered('own_tenancy'),
      'risk.level': answered('low'),
      'offence.ownAccount': answered('It was me.'),
      'not.aQuestion': answered('x'),
    });
    expect(screenerRefusals(full, interview)).toEqual(['$.interview.answers.offence.ownAccount', '$.interview.answers.risk.level', '$.interview.answers.not.aQuestion']);
    expect(screenerRefusals(full, interview, { prefix: '$' })[0]).toBe('$.answers.offence.ownAccount');
    expect(screenerRefusalIssues(full, interview)[0]).toMatchObject({ path: '$.interview.answers.offence.ownAccount', key: 'inquiry.notScreenerQuestion' });
  });

  it('is nothing when the screener answers only their own questions', () => {
    expect(screenerRefusals(full, interviewFor(full, { 'home.situation': answered('own_tenancy'), 'feasibility.transport': answered('public_transport') }))).toEqual([]);
  });

  it('leaves an officer’s answer the screener kept as it was stored, and refuses one changed or removed', () => {
    const before = interviewFor(full, { 'risk.level': answered('low'), 'risk.reasons': answered('Stable home.') });
    const kept = interviewFor(full, { 'risk.level': answered('low'), 'risk.reasons': answered('Stable home.'), 'home.situation': answered('own_tenancy') });
    expect(screenerRefusals(full, kept, { before })).toEqual([]);
    const changed = interviewFor(full, { 'risk.level': answered('high') });
    expect(screenerRefusals(full, changed, { before })).toEqual(['$.interview.answers.risk.level', '$.interview.answers.risk.reasons']);
  });
});

describe('a service’s form data', () => {
  const section = (fields: unknown[]) => ({ id: 'custom', title: { en: 'Custom' }, screener: true, fields });

  it('is refused when it opens an offence account or the officer’s assessment to screeners, naming the question', () => {
    const result = Section.safeParse(section([{ id: 'custom.view', kind: 'long_text', label: { en: 'Your view' }, maxGraphemes: 100, authorAssessment: true, screener: true }]));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['fields', 0, 'screener'], params: { key: 'forms.screenerNotAllowed' } });
  });

  it('may open a section to screeners and still keep its assessment questions for the officer without saying so', () => {
    const parsed = Section.parse(section([
      { id: 'custom.fact', kind: 'short_text', label: { en: 'A fact' }, maxGraphemes: 100 },
      { id: 'custom.view', kind: 'long_text', label: { en: 'Your view' }, maxGraphemes: 100, authorAssessment: true },
    ]));
    const custom: FormDefinition = { ...full, sections: [parsed] };
    expect([...screenerFieldIds(custom)]).toEqual(['custom.fact']);
  });
});
