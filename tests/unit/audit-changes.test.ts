import { describe, expect, it } from 'vitest';
import { auditChanges, auditValue } from '../../main/domain/auditChanges';
import { diffJson } from '../../main/domain/diff';

// What the audit log keeps of a change (docs/audit.md): the field and the kind and length of each
// side, never the words typed; a value only where no person can type into the field.

describe('the audit’s form of a change', () => {
  it('keeps a typed string as its length in characters, as the form limits count them', () => {
    expect(auditValue('interview', '$.answers["offence.ownAccount"].value', 'She took it to feed her son.')).toEqual({ kind: 'text', length: 28 });
    expect(auditValue('case', '$.person.familyName', 'Nguyễn')).toEqual({ kind: 'text', length: 6 });
    expect(auditValue('case', '$.person.givenNames', '👩🏽‍⚕️')).toEqual({ kind: 'text', length: 1 });
  });

  it('keeps a choice, a court date or an id only at the fields listed for that kind of record', () => {
    expect(auditValue('case', '$.stage', 'convicted')).toEqual({ kind: 'value', value: 'convicted' });
    expect(auditValue('case', '$.charges[3].plea', 'guilty')).toEqual({ kind: 'value', value: 'guilty' });
    expect(auditValue('reportVersion', '$.state', 'issued')).toEqual({ kind: 'value', value: 'issued' });
    // The same names elsewhere are not trusted: a person's date of birth, or a field called state in another record.
    expect(auditValue('case', '$.person.dateOfBirth', '1990-04-12')).toEqual({ kind: 'text', length: 10 });
    expect(auditValue('interview', '$.state', 'anything')).toEqual({ kind: 'text', length: 8 });
    expect(auditValue('programme', '$.stage', 'my own words')).toEqual({ kind: 'text', length: 12 });
  });

  it('keeps numbers, yes/no and empty values as they are', () => {
    expect(auditChanges('interview', [{ path: '$.a', before: 3, after: 4 }, { path: '$.b', after: true }, { path: '$.c', before: null }])).toEqual([
      { path: '$.a', before: { kind: 'value', value: 3 }, after: { kind: 'value', value: 4 } },
      { path: '$.b', after: { kind: 'value', value: true } },
      { path: '$.c', before: { kind: 'value', value: null } },
    ]);
  });

  it('lists a whole record leaf by leaf, so a new person’s name is a length like any other', () => {
    expect(auditChanges('person', [{ path: '$', after: { fullName: 'Grace Mensah', role: 'screener', tags: [] } }])).toEqual([
      { path: '$.fullName', after: { kind: 'text', length: 12 } },
      { path: '$.role', after: { kind: 'value', value: 'screener' } },
      { path: '$.tags', after: { kind: 'empty', of: 'list' } },
    ]);
  });

  it('describes the changes of a save as diffJson finds them, a removed charge by each of its fields', () => {
    const before = { charges: [{ offence: 'Theft', plea: 'guilty' }, { offence: 'Criminal damage', plea: 'not_guilty' }] };
    const after = { charges: [{ offence: 'Theft from a shop', plea: 'guilty' }] };
    expect(auditChanges('case', diffJson(before, after))).toEqual([
      { path: '$.charges[0].offence', before: { kind: 'text', length: 5 }, after: { kind: 'text', length: 17 } },
      { path: '$.charges[1].offence', before: { kind: 'text', length: 15 } },
      { path: '$.charges[1].plea', before: { kind: 'value', value: 'not_guilty' } },
    ]);
  });

  it('reads anything that is not a list of changes as one change of the whole record, so no text survives', () => {
    expect(auditChanges('case', { note: 'typed by hand' })).toEqual([{ path: '$.note', after: { kind: 'text', length: 13 } }]);
    expect(auditChanges('case', ['loose words'])).toEqual([{ path: '$', after: { kind: 'text', length: 11 } }]);
  });
});
