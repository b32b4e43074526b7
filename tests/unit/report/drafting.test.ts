import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReportTemplate, type AnswerItem } from '../../../main/contract/report';
import { draftSection } from '../../../main/domain/report/drafting';

const base = ReportTemplate.parse(JSON.parse(readFileSync('templates/reports/short-format-report.json', 'utf8')));
const template: ReportTemplate = {
  ...base,
  drafting: {
    phrases: { 'home.stable': { yes: '{name} has a stable home.', no: '{name} has no stable home.' }, 'home.with': { '*': '{name} lives with {value}.' } },
    fallback: '{label}: {value}.',
    declined: '{name} did not say about {label}.',
  },
};
const item = (over: Partial<AnswerItem>): AnswerItem => ({ id: 'x.y', label: 'Label', value: 'Value', status: 'answered', kind: 'fact', source: { kind: 'self_reported' }, notForDisclosure: false, ...over });
const items: AnswerItem[] = [
  item({ id: 'home.stable', label: 'Stable home', value: 'Yes', answer: true }),
  item({ id: 'home.with', label: 'Lives with', value: 'her sister', answer: 'sister' }),
  item({ id: 'work.status', label: 'Work', value: 'Part-time', answer: 'part_time' }),
  item({ id: 'work.hours', label: 'Hours', value: '', status: 'declined' }),
  item({ id: 'home.victim', label: 'Victim address', value: '12 Secret Road', notForDisclosure: true }),
];
const draft = (list: readonly AnswerItem[], t: ReportTemplate = template) => draftSection({ template: t, sectionId: 'home', items: list, personName: 'Ana' });

describe('drafting a section from the recorded facts', () => {
  it("uses the template's phrase for the answer given", () => {
    expect(draft(items)).toContain('Ana has a stable home.');
    expect(draft([item({ id: 'home.stable', value: 'No', answer: false })])).toBe('Ana has no stable home.');
    expect(draft(items)).toContain('Ana lives with her sister.');
  });

  it('words an answer without a phrase, and a declined one, in the fallback sentences', () => {
    expect(draft(items)).toContain('Work: Part-time.');
    expect(draft(items)).toContain('Ana did not say about Hours.');
  });

  it('does not end a sentence twice when the answer already ends with a full stop', () => {
    expect(draft([item({ id: 'work.notes', label: 'Notes on work', value: 'Night shifts only.' })])).toBe('Notes on work: Night shifts only.');
  });

  it('never prints a withheld item', () => {
    expect(draft(items)).not.toContain('Secret');
  });

  it('keeps each evidence group in its own paragraph', () => {
    expect(draft(items).split('\n\n')).toEqual(['Ana has a stable home. Ana lives with her sister.', 'Work: Part-time. Ana did not say about Hours.']);
  });

  it('is the same for the same facts', () => {
    expect(draft(items)).toBe(draft(items.map((i) => ({ ...i }))));
  });

  it('falls back to the English catalogue when the template has no drafting phrases', () => {
    const plain: ReportTemplate = { ...template, drafting: undefined };
    expect(draft(items, plain)).toContain('Work: Part-time.');
    expect(draft(items, plain)).toContain('Ana chose not to answer about Hours.');
  });
});
