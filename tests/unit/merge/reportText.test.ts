import { describe, expect, it } from 'vitest';
import type { ReportText } from '../../../main/contract/reportText';
import { differingParts, mergeDocuments, reportTextParts, sameJson } from '../../../main/domain/merge';

const text = (sections: ReportText['sections'], acknowledgements: ReportText['acknowledgements'] = []): ReportText => ({ sections, acknowledgements });

describe('merging two saves of the report text made over the same version', () => {
  const base = text({ 'offence-analysis': { text: 'She took food for her children.' }, risk: { text: 'Low.', drafted: 'Low.' } });

  it('takes sections written in one window only from that window: two windows writing different sections never conflict', () => {
    const mine = text({ ...base.sections, 'offence-analysis': { text: 'She took food for her children when her benefit stopped.' } });
    const theirs = text({ ...base.sections, risk: { text: 'Low, and falling since she found work.', drafted: 'Low.' }, proposal: { text: 'A conditional discharge.' } });
    const m = mergeDocuments(reportTextParts, base, mine, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.merged.sections).toEqual({
      'offence-analysis': { text: 'She took food for her children when her benefit stopped.' },
      risk: { text: 'Low, and falling since she found work.', drafted: 'Low.' },
      proposal: { text: 'A conditional discharge.' },
    });
    expect(m.fromTheirs.sort()).toEqual(['section:proposal', 'section:risk']);
  });

  it('asks about a section written differently in both windows, keeping mine until the officer chooses', () => {
    const mine = text({ ...base.sections, risk: { text: 'Low, in my view.', drafted: 'Low.' } });
    const theirs = text({ ...base.sections, risk: { text: 'Medium.', drafted: 'Low.' } });
    const m = mergeDocuments(reportTextParts, base, mine, theirs);
    expect(m.conflicts.map((c) => c.key)).toEqual(['section:risk']);
    expect(m.merged.sections.risk?.text).toBe('Low, in my view.');
    expect(m.resolve({ 'section:risk': 'theirs' }).sections.risk?.text).toBe('Medium.');
  });

  it('merges acknowledgements of analysis checks one by one, and keeps a withdrawn one withdrawn', () => {
    const acked = text(base.sections, [{ checkId: 'avoidWord:risk:offender', reason: 'Quoted from the charge.' }]);
    const mine = text(base.sections, []);
    const theirs = text(base.sections, [...acked.acknowledgements, { checkId: 'needUnanswered:housing', reason: 'Housing is arranged by the council.' }]);
    const m = mergeDocuments(reportTextParts, acked, mine, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.merged.acknowledgements).toEqual([{ checkId: 'needUnanswered:housing', reason: 'Housing is arranged by the council.' }]);
  });

  it('puts a document back together unchanged from its parts, and names the sections a restored copy changes', () => {
    const doc = text(base.sections, [{ checkId: 'restates:risk', reason: 'The facts speak for themselves here.' }]);
    expect(sameJson(reportTextParts.fromParts(reportTextParts.toParts(doc), doc), doc)).toBe(true);
    const mine = text({ ...base.sections, risk: { text: 'Low; see above.', drafted: 'Low.' } }, doc.acknowledgements);
    expect(differingParts(reportTextParts, doc, mine)).toEqual(['section:risk']);
  });
});
