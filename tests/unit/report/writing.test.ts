import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReportContext, ReportTemplate, type TemplateSection } from '../../../main/contract/report';
import { assertKnownSections, draftFor, reportChecks, writableSections, writingSections } from '../../../main/domain/report/writing';
import { fixture } from '../../support/reports';

// Which sections the officer writes, the facts beside each, and the checks, over a report context.

const base = ReportTemplate.parse(JSON.parse(readFileSync('templates/reports/full-report.json', 'utf8')));
const written = (id: string, title: string, evidence: string[], extra: Partial<TemplateSection> = {}): TemplateSection => ({
  id,
  title,
  restartNumbering: false,
  showSources: false,
  write: { required: true, evidence, opinion: false, analytical: true, guidance: `What ${title} is for.` },
  blocks: [{ type: 'text', numbered: true }],
  ...extra,
});
const template: ReportTemplate = ReportTemplate.parse({
  ...base,
  labels: { ...base.labels, items: { ...base.labels.items, accommodation: 'Home' } },
  sections: [
    base.sections[0]!,
    written('offence-analysis', 'Offence analysis', ['section:offence']),
    written('home', 'Home and money', ['accommodation', 'finance']),
    written('women', 'Women’s circumstances', ['section:women'], { when: { var: 'facts.isWoman' } }),
    written('young', 'Maturity', ['maturity'], { when: { var: 'facts.isYoungAdult' } }),
  ],
});
const context = ReportContext.parse(fixture('woman-with-dependants'));

describe('the sections the officer writes', () => {
  it('are the template’s written sections in order, each with the facts its evidence names', () => {
    const sections = writingSections(template, context);
    expect(sections.map((s) => s.id)).toEqual(['offence-analysis', 'home', 'women', 'young']);
    expect(sections[0]!.evidence.map((e) => e.id)).toEqual(context.sections['offence']!.items.map((i) => i.id));
    expect(sections[1]!.evidence.map((e) => e.id)).toEqual(['accommodation', 'finance']);
  });

  it('say whether each applies to this person: a woman’s case has no maturity section to write', () => {
    const applies = Object.fromEntries(writingSections(template, context).map((s) => [s.id, s.applies]));
    expect(applies).toMatchObject({ women: true, young: false });
  });

  it('show each fact under the name the report gives it, and mark a withheld one', () => {
    const shown = writableSections(template, writingSections(template, context));
    expect(shown[1]!.evidence[0]).toMatchObject({ id: 'accommodation', label: 'Home' });
    const women = shown.find((s) => s.id === 'women')!;
    expect(women.evidence.find((e) => e.id === 'refuge-address')).toMatchObject({ notForDisclosure: true });
    expect(women.guidance).toBe('What Women’s circumstances is for.');
  });
});

describe('the draft and the checks', () => {
  it('drafts from the section’s facts and never from a withheld one', () => {
    const sections = writingSections(template, context);
    const text = draftFor(template, context, sections, 'women');
    const secret = context.sections['women']!.items.find((i) => i.id === 'refuge-address')!.value;
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toContain(secret);
  });

  it('lists the withheld facts the report relies on, with the section each belongs to', () => {
    const checks = reportChecks({ template, context, text: { sections: {}, acknowledgements: [] }, proposal: undefined, needs: [], avoidWords: [], openConditionChecks: 0 });
    expect(checks.withheld).toContainEqual(expect.objectContaining({ id: 'refuge-address', sectionId: 'women' }));
  });

  it('leave out a section that does not apply: an unwritten maturity section never stops a woman’s report', () => {
    const checks = reportChecks({ template, context, text: { sections: {}, acknowledgements: [] }, proposal: undefined, needs: [], avoidWords: [], openConditionChecks: 0 });
    const unwritten = checks.readiness.blockers.filter((b) => b.kind === 'unwrittenSection').map((b) => b.sectionId);
    expect(unwritten).toEqual(['offence-analysis', 'home', 'women']);
  });

  it('refuse text for a section no offered template has, naming each one', () => {
    expect(() => assertKnownSections([template], { sections: { home: { text: 'x' }, nowhere: { text: 'y' }, elsewhere: { text: 'z' } }, acknowledgements: [] })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ issues: [expect.objectContaining({ path: '$.text.sections.nowhere' }), expect.objectContaining({ path: '$.text.sections.elsewhere' })] }) }),
    );
  });
});
