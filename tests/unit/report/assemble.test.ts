import { describe, expect, it } from 'vitest';
import { ReportContext, type RenderedReport, type ReportContextInput, type ReportTemplate } from '../../../main/contract/report';
import type { Jurisdiction } from '../../../main/contract/jurisdiction';
import { assembleReport } from '../../../main/domain/report/assemble';
import { deriveFacts, reportFacts } from '../../../main/domain/rules/facts';
import { cleanText } from '../../../main/domain/report/sanitize';
import { loadReportTemplate } from '../../../main/loaders/reportTemplates';
import { ALL_TEMPLATE_DIRS, fixture, nonDisclosableTexts } from '../../support/reports';

const jurisdiction: Jurisdiction = {
  id: 'default',
  name: 'Default jurisdiction',
  serviceName: 'Probation Service',
  locale: 'en',
  youngAdultUpperAge: 25,
  courts: [],
  protectiveMarking: 'OFFICIAL - SENSITIVE',
  idleLockMinutes: 10,
};
const template = (id: string) => loadReportTemplate(id, { dirs: ALL_TEMPLATE_DIRS });
const assemble = (templateId: string, input: ReportContextInput) => assembleReport(template(templateId), ReportContext.parse(input), { jurisdiction });

/** The context section each written section of the shipped templates draws its answers from. */
const ANSWERS_OF: Record<string, string[]> = {
  'offence-analysis': ['offence'],
  'previous-offending': ['history'],
  circumstances: ['circumstances'],
  'circumstances-women': ['women'],
  'circumstances-maturity': ['maturity'],
  risk: ['risk', 'strengths'],
  'custody-impact': ['dependants'],
};
/**
 * A service's variant of a shipped template that still prints the interview answers in each
 * written section (the engine supports it; the shipped templates print the officer's text instead).
 */
function withAnswers(templateId: string, declined: 'show' | 'omit' = 'show'): ReportTemplate {
  const t = template(templateId);
  return {
    ...t,
    sections: t.sections.map((s) => ({
      ...s,
      blocks: [...(ANSWERS_OF[s.id] ?? []).map((section) => ({ type: 'answers' as const, section, numbered: true, declined })), ...s.blocks],
    })),
  };
}
const assembleAnswers = (templateId: string, input: ReportContextInput, declined: 'show' | 'omit' = 'show') =>
  assembleReport(withAnswers(templateId, declined), ReportContext.parse(input), { jurisdiction });

/** All the text of a model, as a reader of the document would meet it. */
function allText(model: RenderedReport): string {
  return JSON.stringify(model);
}
function sectionText(model: RenderedReport, id: string): string {
  const section = model.sections.find((s) => s.id === id);
  if (!section) throw new Error(`no section ${id}`);
  return section.blocks
    .map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : b.kind === 'heading' ? b.text : JSON.stringify(b)))
    .join('\n');
}

describe('report assembly', () => {
  it('leaves every not-for-disclosure answer and source out of the model, so no renderer can show it', () => {
    for (const name of ['woman-with-dependants', 'young-adult', 'pre-trial', 'arabic-language'] as const) {
      const input = fixture(name);
      const secrets = nonDisclosableTexts(input);
      expect(secrets.length, `${name} has not-for-disclosure items`).toBeGreaterThan(0);
      const model = assemble('test-rtl-ar', input);
      for (const secret of secrets) expect(allText(model)).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
  });

  it('writes "Declined to answer" for a declined question where the template shows them, and leaves it out where it omits them', () => {
    const input = fixture('woman-with-dependants');
    const full = assembleAnswers('full-report', input);
    expect(sectionText(full, 'offence-analysis')).toContain("The person's own account of the fraud: Declined to answer");
    const ya = fixture('young-adult');
    expect(sectionText(assembleAnswers('full-report', ya, 'omit'), 'risk')).not.toContain('Cannabis use');
    expect(sectionText(assembleAnswers('full-report', ya), 'risk')).toContain('Cannabis use: Declined to answer');
  });

  it("marks the author's opinions as the author's assessment, in the report's own words, and leaves facts unmarked", () => {
    const model = assembleAnswers('full-report', fixture('woman-with-dependants'));
    const risk = sectionText(model, 'risk');
    expect(risk).toContain("Likelihood of reoffending (Author's assessment): Low.");
    // The officer's own text in an opinion section reads as the author's assessment too.
    expect(sectionText(assemble('full-report', fixture('woman-with-dependants')), 'risk')).toContain("Author's assessment: I assess the likelihood of further offending as low");
    const circumstances = sectionText(model, 'circumstances');
    expect(circumstances).toContain('Accommodation: Housing association flat');
    expect(circumstances).not.toContain("Author's assessment");
    const proposal = sectionText(model, 'proposal');
    expect(proposal).toContain("Author's assessment: The offences arose from sudden poverty");
  });

  it("names a source in the text only for a third party's or a verified claim; no line names the person or the author as its source", () => {
    const model = assembleAnswers('full-report', fixture('woman-with-dependants'));
    const offence = sectionText(model, 'offence-analysis');
    expect(offence).toContain("(Third party: Women's Aid outreach worker, telephone, 2 December 2026)");
    const all = model.sections.map((s) => sectionText(model, s.id)).join('\n');
    expect(all).not.toContain('(source:');
    expect(all).not.toContain('Sources for this section');
    expect(all).not.toMatch(/\(Observation|\(Self-reported/);
  });

  it('includes the gender, age and dependants sections only where they apply', () => {
    const woman = assemble('full-report', fixture('woman-with-dependants')).sections.map((s) => s.id);
    expect(woman).toContain('circumstances-women');
    expect(woman).toContain('custody-impact');
    expect(woman).not.toContain('circumstances-maturity');
    const ya = assemble('full-report', fixture('young-adult')).sections.map((s) => s.id);
    expect(ya).toContain('circumstances-maturity');
    expect(ya).not.toContain('circumstances-women');
    expect(ya).not.toContain('custody-impact');
  });

  it('never includes an offence analysis before a finding of guilt', () => {
    const model = assemble('test-rtl-ar', fixture('pre-trial'));
    expect(model.sections.map((s) => s.id)).not.toContain('offence-analysis');
    expect(assemble('test-rtl-ar', fixture('woman-with-dependants')).sections.map((s) => s.id)).toContain('offence-analysis');
  });

  it('refuses a sentencing template for a pre-trial case, and a pre-trial template for a convicted case', () => {
    expect(() => assemble('full-report', fixture('pre-trial'))).toThrow(/"full-report" is for convicted cases; case T20267731 is at the pre_trial stage/);
    expect(() => assemble('pre-trial-report', fixture('woman-with-dependants'))).toThrow(/is for pre_trial cases/);
  });

  it('refuses a report about a child', () => {
    const input = fixture('young-adult');
    input.case.person.dateOfBirth = '2009-01-01';
    expect(() => assemble('full-report', input)).toThrow(/Child justice applies/);
  });

  it('formats bound dates and numbers in the template locale', () => {
    const model = assemble('full-report', fixture('woman-with-dependants'));
    const front = sectionText(model, 'front-sheet');
    expect(front).toContain('Date of birth: 12 April 1990');
    expect(front).toContain('Hearing date: 20 December 2026');
    expect(model.running.hearingDate).toBe('20 December 2026');
    const ar = assemble('test-rtl-ar', fixture('arabic-language'));
    expect(ar.running.hearingDate).toBe('٢٢ ديسمبر ٢٠٢٦');
  });

  it('keeps a Latin-script case number a left-to-right island in a right-to-left report', () => {
    const model = assemble('test-rtl-ar', fixture('arabic-language'));
    const front = model.sections[0]!.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
    expect(front.find((r) => r.text === 'CR-2026-0902')).toEqual({ text: 'CR-2026-0902', ltr: true });
    expect(front.find((r) => r.text.startsWith('حداد'))?.ltr).toBeUndefined();
  });

  it('drops characters XML cannot hold and reports where they were', () => {
    const model = assembleAnswers('full-report', fixture('woman-with-dependants'));
    expect(model.dropped).toEqual([{ path: '$.sections.circumstances.items[1].value', codePoints: ['U+0007'], count: 1 }]);
    expect(allText(model)).toContain('Characters that need escaping come out as typed: <b>bold?</b> & \\"quoted\\" \'text\'');
    expect(allText(model)).toContain('a bell character');
  });

  it('does not report dropped characters from an item that is not for disclosure', () => {
    const input = fixture('woman-with-dependants');
    input.sections.women!.items[2]!.value += '\u0001';
    expect(assembleAnswers('full-report', input).dropped.map((d) => d.path)).toEqual(['$.sections.circumstances.items[1].value']);
  });

  it('does not report dropped characters from an answer the report only shows as evidence, but does from the officer’s text', () => {
    const input = fixture('woman-with-dependants');
    input.written = { ...input.written, circumstances: `${input.written?.['circumstances'] ?? ''}\u0007` };
    expect(assemble('full-report', input).dropped.map((d) => d.path)).toEqual(['$.written.circumstances']);
  });

  it('keeps emoji and combining marks exactly as typed, and a 20,000-character answer whole', () => {
    const model = assembleAnswers('full-report', fixture('woman-with-dependants'));
    expect(sectionText(model, 'circumstances')).toContain('Dr Zoe\u0308 Hart');
    expect(sectionText(model, 'circumstances')).toContain('👩‍👧‍👦');
    const ya = fixture('young-adult');
    const long = ya.sections.circumstances!.items.find((i) => i.id === 'long-account')!.value;
    expect(long).toHaveLength(20_000);
    expect(sectionText(assembleAnswers('full-report', ya), 'circumstances')).toContain(long);
  });
});

describe('cleanText', () => {
  it('keeps tabs and line breaks, turns carriage returns into line breaks, and drops lone surrogates and U+FFFF', () => {
    expect(cleanText('a\tb\r\nc\rd\u0000e\uD800f\uFFFFg😀')).toEqual({ text: 'a\tb\nc\nde' + 'fg😀', dropped: ['U+0000', 'U+D800', 'U+FFFF'] });
  });
});

describe('reportFacts', () => {
  it('works out the facts every fixture states from its case, so the fixtures are consistent', () => {
    for (const name of ['woman-with-dependants', 'young-adult', 'pre-trial', 'arabic-language'] as const) {
      const ctx = ReportContext.parse(fixture(name));
      expect(reportFacts(deriveFacts(ctx.case, { youngAdultUpperAge: 25 }), ctx.facts.hasDependants), name).toEqual(ctx.facts);
    }
  });
});
