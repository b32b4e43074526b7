import { describe, expect, it } from 'vitest';
import type { ProgrammeDetails } from '../../../main/contract/options';
import { programmeIssues } from '../../../main/domain/options/programmeRules';
import { catalogue } from './support';

// The checks on a local programme that its schema cannot make. The Programmes page runs this
// function as the officer types, and the API runs it on every save and import, so both say the same.

const programme = (over: Partial<ProgrammeDetails> = {}): ProgrammeDetails => ({
  name: 'Women’s centre day programme',
  provider: 'Northside Women’s Centre',
  kind: 'referral_womens_centre',
  needs: ['trauma'],
  eligibility: { youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [] },
  location: '12 Mill Lane',
  capacity: {},
  contact: {},
  languages: ['en'],
  retired: false,
  ...over,
});

describe('a local programme’s own checks', () => {
  it('accepts a programme of a kind the catalogue has, with a sensible age range', () => {
    const kind = [...catalogue().byKind.keys()][0]!;
    expect(programmeIssues(programme({ kind, eligibility: { ...programme().eligibility, minAge: 18, maxAge: 25 } }), catalogue())).toEqual([]);
  });

  it('names the kind field when the catalogue has no option of that kind, listing the kinds it has', () => {
    const [issue] = programmeIssues(programme({ kind: 'made_up' }), catalogue());
    expect(issue).toMatchObject({ path: '$.details.kind', key: 'programmes.unknownKind', params: { kind: 'made_up' } });
    expect(issue!.message).toContain([...catalogue().byKind.keys()].sort()[0]);
  });

  it('ties an upper age below the lower age to the upper age field, under the path the caller names', () => {
    const kind = [...catalogue().byKind.keys()][0]!;
    const issues = programmeIssues(programme({ kind, eligibility: { ...programme().eligibility, minAge: 30, maxAge: 20 } }), catalogue(), '$.programmes[3]');
    expect(issues).toEqual([{ path: '$.programmes[3].eligibility.maxAge', message: 'The upper age (20) is below the lower age (30).', key: 'programmes.ageRange', params: { minAge: 30, maxAge: 20 } }]);
  });
});
