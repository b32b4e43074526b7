import { describe, expect, it } from 'vitest';
import type { Interview } from '../../../main/contract/interview';
import { applyDisclosureDefaults } from '../../../main/domain/forms/disclosure';
import { form } from './shipped';
import { answered, interviewFor } from './support';

const full = form('full');

describe('the form’s not-for-disclosure defaults, applied by the core', () => {
  it('mark an answer that leaves the flag out, at question level and in each row of a group', () => {
    const interview = interviewFor(full, {
      'victim.safetyDetails': answered('Lives at 3 Elm Row'),
      'identity.mainLanguage': answered('English'),
      'dependants.people': { status: 'answered', rows: [{ firstName: answered('Kofi'), ageYears: answered(4) }, { firstName: answered('Ama') }] },
    });
    const out = applyDisclosureDefaults(full, interview);
    expect(out.answers['victim.safetyDetails']).toEqual({ status: 'answered', value: 'Lives at 3 Elm Row', notForDisclosure: true });
    expect(out.answers['identity.mainLanguage']).toEqual({ status: 'answered', value: 'English' });
    expect(out.answers['dependants.people']).toEqual({
      status: 'answered',
      rows: [{ firstName: { ...answered('Kofi'), notForDisclosure: true }, ageYears: answered(4) }, { firstName: { ...answered('Ama'), notForDisclosure: true } }],
    });
  });

  it('keep the officer’s explicit choice to disclose, and a flag set on any other answer', () => {
    const interview = interviewFor(full, {
      'victim.safetyDetails': { ...answered('Shared with consent'), notForDisclosure: false },
      'identity.mainLanguage': { ...answered('Twi'), notForDisclosure: true },
    });
    expect(applyDisclosureDefaults(full, interview).answers).toEqual(interview.answers);
  });

  it('leave the caller’s interview untouched and answers the form does not have alone', () => {
    const interview: Interview = interviewFor(full, { 'victim.safetyDetails': answered('x'), 'not.aQuestion': answered('y') });
    const copy = structuredClone(interview);
    const out = applyDisclosureDefaults(full, interview);
    expect(interview).toEqual(copy);
    expect(out.answers['not.aQuestion']).toEqual(answered('y'));
  });

  it('disclose the person’s own account of victimisation unless the officer withholds it, and keep a present danger withheld', () => {
    const interview = interviewFor(full, {
      'trauma.experiences': answered(['domestic_abuse']),
      'trauma.currentlyAtRisk': answered(true),
    });
    const out = applyDisclosureDefaults(full, interview);
    expect(out.answers['trauma.experiences']).toEqual(answered(['domestic_abuse']));
    expect(out.answers['trauma.currentlyAtRisk']).toEqual({ ...answered(true), notForDisclosure: true });
    const withheld = interviewFor(full, { 'trauma.experiences': { ...answered(['domestic_abuse']), notForDisclosure: true } });
    expect(applyDisclosureDefaults(full, withheld).answers['trauma.experiences']).toEqual({ ...answered(['domestic_abuse']), notForDisclosure: true });
  });
});
