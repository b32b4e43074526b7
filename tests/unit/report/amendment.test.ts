import { describe, expect, it } from 'vitest';
import { ReportContext, ReportTemplate } from '../../../main/contract/report';
import { amendmentChanges } from '../../../main/domain/report/amendment';
import { loadReportTemplate } from '../../../main/loaders/reportTemplates';
import { ALL_TEMPLATE_DIRS, fixture } from '../../support/reports';

const template = loadReportTemplate('full-report', { dirs: ALL_TEMPLATE_DIRS });
const issued = () => ReportContext.parse(fixture('woman-with-dependants'));
const changesTo = (edit: (c: ReportContext) => void, t = template) => {
  const after = structuredClone(issued());
  edit(after);
  return amendmentChanges(issued(), after, t);
};

describe('what an amended report says has changed', () => {
  it('says nothing changed when nothing did, and a reflowed paragraph is not a change', () => {
    expect(amendmentChanges(issued(), issued(), template)).toEqual([]);
    expect(changesTo((c) => (c.written['conclusion'] = `  ${c.written['conclusion']!.replace(/ /g, '\n')}  `))).toEqual([]);
  });

  it('names each written section that was changed, added or emptied by its title, in the order the report prints them', () => {
    const changes = changesTo((c) => {
      c.written['conclusion'] = 'A new conclusion.';
      c.written['offence-analysis'] = `${c.written['offence-analysis']} She has since repaid the shop.`;
      c.written['circumstances-women'] = '';
      c.written['circumstances-maturity'] = 'Newly written.';
    });
    expect(changes).toEqual([
      { part: 'section', id: 'offence-analysis', title: 'Offence analysis', change: 'changed' },
      { part: 'section', id: 'circumstances-women', title: template.sections.find((s) => s.id === 'circumstances-women')!.title, change: 'removed' },
      { part: 'section', id: 'circumstances-maturity', title: template.sections.find((s) => s.id === 'circumstances-maturity')!.title, change: 'added' },
      { part: 'section', id: 'conclusion', title: template.sections.find((s) => s.id === 'conclusion')!.title, change: 'changed' },
    ]);
  });

  it('gives the hearing date, court and report due date before and after, and each charge added, removed or with a new plea', () => {
    const changes = changesTo((c) => {
      c.case.hearingDate = '2027-01-10';
      c.case.court = 'Crown Court at Riverside';
      c.case.reportDueDate = '2027-01-03';
      c.case.charges[0]!.plea = 'not_guilty';
      c.case.charges.splice(1, 1);
      c.case.charges.push({ offence: 'Handling stolen goods', offenceDate: '2026-08-10', plea: 'guilty' });
    });
    const before = issued().case;
    expect(changes).toEqual([
      { part: 'case', id: 'hearingDate', title: 'Hearing date', change: 'changed', before: '2026-12-20', after: '2027-01-10' },
      { part: 'case', id: 'court', title: 'Court', change: 'changed', before: before.court, after: 'Crown Court at Riverside' },
      { part: 'case', id: 'reportDueDate', title: 'Report due date', change: 'changed', before: before.reportDueDate, after: '2027-01-03' },
      { part: 'case', id: 'charges.0', title: 'Charge ‘Theft from a shop’', change: 'changed', before: 'guilty', after: 'not_guilty' },
      { part: 'case', id: 'charges.1', title: 'Charge ‘Handling stolen goods’', change: 'added' },
      { part: 'case', id: 'charges.1', title: `Charge ‘${before.charges[1]!.offence}’`, change: 'removed' },
    ]);
  });

  it('gives an option’s suitability before and after, and names options added and no longer considered', () => {
    const changes = changesTo((c) => {
      c.options[1]!.suitability = 'suitable_with_conditions';
      c.options.splice(2, 1);
      c.options.push({ name: 'Curfew', kind: 'sentencing', provider: '', suitability: 'suitable', decision: 'set_aside', reasons: ['Not needed.'] });
    });
    expect(changes).toEqual([
      { part: 'option', id: 'Unpaid work (60 hours)', title: 'Unpaid work (60 hours)', change: 'changed', before: 'not_suitable', after: 'suitable_with_conditions' },
      { part: 'option', id: 'Curfew', title: 'Curfew', change: 'added' },
      { part: 'option', id: 'Fine', title: 'Fine', change: 'removed' },
    ]);
  });

  it('gives what is proposed before and after, says the reasons and alternatives changed, and names each condition added, removed or changed', () => {
    const before = issued().proposal;
    const changes = changesTo((c) => {
      c.proposal.options = ['Community order, 18 months'];
      c.proposal.rationale = `${c.proposal.rationale} She has found work.`;
      c.proposal.alternatives = 'None.';
      c.proposal.conditions[0]!.duration = '18 months';
      c.proposal.conditions.splice(1, 1);
      c.proposal.conditions.push({ requirement: 'Curfew 19:00-07:00', linkedTo: 'Risk', duration: '3 months', review: '' });
    });
    expect(changes).toEqual([
      { part: 'proposal', id: 'options', title: 'Proposed sentence', change: 'changed', before: before.options.join('; '), after: 'Community order, 18 months' },
      { part: 'proposal', id: 'rationale', title: 'Reasons for the proposal', change: 'changed' },
      { part: 'proposal', id: 'alternatives', title: 'Alternatives considered', change: 'changed' },
      { part: 'condition', id: '1', title: before.conditions[0]!.requirement, change: 'changed' },
      { part: 'condition', id: String(before.conditions.length), title: 'Curfew 19:00-07:00', change: 'added' },
      { part: 'condition', id: '2', title: before.conditions[1]!.requirement, change: 'removed' },
    ]);
  });

  it('names a long condition by its start', () => {
    const long = 'Attend '.repeat(40).trim();
    const [change] = changesTo((c) => c.proposal.conditions.push({ requirement: long, linkedTo: 'x', duration: 'y', review: '' }));
    expect(change!.title.length).toBeLessThanOrEqual(120);
    expect(change!.title.endsWith('…')).toBe(true);
  });

  it('words the names in the template’s labels, and in the message catalogue’s for a template that has none', () => {
    const own = ReportTemplate.parse({ ...template, labels: { ...template.labels, amendment: { proposedOptions: 'Recommended sentence', charge: 'Count: {title}' } } });
    const edit = (c: ReportContext) => {
      c.proposal.options = ['Fine'];
      c.case.charges[0]!.plea = 'not_guilty';
    };
    expect(changesTo(edit, own).map((c) => c.title)).toEqual(['Count: Theft from a shop', 'Recommended sentence']);
    const { amendment: _, ...bare } = template.labels;
    const old = ReportTemplate.parse({ ...template, labels: bare });
    expect(changesTo(edit, old).map((c) => c.title)).toEqual(['Charge ‘Theft from a shop’', 'Proposed sentence']);
  });
});
