import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../main/contract/options';
import { ReportContext, type AnswerItem, type RenderedReport, type ReportTemplate } from '../../../main/contract/report';
import { buildReport, reportLanguageOf, templatesForCase } from '../../../main/domain/report/buildReport';
import { assembleReport } from '../../../main/domain/report/assemble';
import { draftSection } from '../../../main/domain/report/drafting';
import { loadCatalogue } from '../../../main/loaders/catalogue';
import { loadJurisdiction } from '../../../main/loaders/dataFiles';
import { loadForms } from '../../../main/loaders/forms';
import { listReportTemplates } from '../../../main/loaders/reportTemplates';
import { preTrial, womanWithTwoDependants, youngAdult, type InterviewCase } from '../../fixtures/interviews';
import { ROOT, fixture, fixtureNames, type FixtureName } from '../../support/reports';

// What a sentencing court reads, from interviews as an officer records them, through the one
// report pipeline and every shipped template that fits the case: statements, not questions; no
// source after every line; no catalogue; no sign that anything was withheld.

const forms = loadForms();
const catalogue = loadCatalogue();
const templates = listReportTemplates();
const jurisdiction = loadJurisdiction('default');
const probationName = 'Probation or judicial supervision';

const proposal: Proposal = {
  selected: [{ type: 'option', id: 'sentencing.probation' }],
  rationale: 'It addresses the causes of the offending without separating the children from their mother.',
  alternatives: [{ description: 'Fine', reasonSetAside: 'She cannot pay it without hardship.' }],
  conditions: [],
  acknowledgements: [],
};

function reports(c: InterviewCase, withProposal?: Proposal, written: Record<string, string> = {}): RenderedReport[] {
  return templatesForCase(templates, c.details).map((template) => {
    const ctx = buildReport({
      forms,
      catalogue,
      youngAdultUpperAge: 25,
      reportDate: '2026-11-26',
      authorName: 'Jane Doyle',
      programmes: [],
      details: c.details,
      interview: c.interview,
      proposal: withProposal,
      template,
      language: reportLanguageOf(template),
      reportText: { sections: Object.fromEntries(Object.entries(written).map(([id, text]) => [id, { text }])), acknowledgements: [] },
    });
    return assembleReport(template, ctx, { jurisdiction });
  });
}

/** Every paragraph and table cell, as the lines a reader sees. */
function lines(model: RenderedReport): string[] {
  return model.sections.flatMap((s) => [
    s.title,
    ...s.blocks.flatMap((b) => {
      if (b.kind === 'paragraph') return [b.runs.map((r) => r.text).join('')];
      if (b.kind === 'table') return [b.caption, ...b.header, ...b.rows.flat(2).map((runs) => runs.map((r) => r.text).join(''))];
      if (b.kind === 'heading') return [b.text];
      return [];
    }),
  ]);
}

/** The bold lead of each answer paragraph ("Accommodation: ..."), the author's assessment label aside. */
function leads(model: RenderedReport): string[] {
  return model.sections.flatMap((s) =>
    s.blocks.flatMap((b) => (b.kind === 'paragraph' && (b.role === 'body' || b.role === 'assessment' || b.role === 'declined') && b.runs[0]?.bold && !b.runs[0].text.startsWith("Author's assessment") && !b.runs[0].text.startsWith('The author proposes') ? [b.runs[0].text] : [])),
  );
}

/** Every field (and group sub-field) of the shipped forms whose English label is a question, with its id. */
function questionFields(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const en = (o.label as Record<string, string> | undefined)?.en;
    if (typeof o.id === 'string' && typeof o.kind === 'string' && typeof en === 'string' && (/\?\s*$/.test(en) || /^(Your|How) /.test(en))) out.push([o.id, en]);
    Object.values(o).forEach(walk);
  };
  const dir = path.join(ROOT, 'templates/forms/sections');
  for (const f of fs.readdirSync(dir)) walk(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  return out;
}
const questionLabels = () => [...new Set(questionFields().map(([, q]) => q))];

const cases = [
  ['a woman with two dependants', womanWithTwoDependants(), proposal],
  ['a young adult', youngAdult(), undefined],
  ['a pre-trial case', preTrial(), undefined],
] as const;

describe('what a court reads', () => {
  it.each(cases)('%s: no question asked in interview appears in the report, and the officer writes each analytical section', (_, c, p) => {
    const questions = questionLabels();
    for (const model of reports(c, p)) {
      const text = lines(model).join('\n').toLowerCase();
      for (const q of questions) expect(text, `${model.template.id}: "${q}"`).not.toContain(q.toLowerCase());
      // The interview is evidence beside the officer's text, never printed as questions and answers.
      expect(leads(model), model.template.id).toEqual([]);
    }
  });

  it.each(cases)('%s: no line ends with a source in brackets naming the person or the author, and no "(source:"', (_, c, p) => {
    for (const model of reports(c, p)) {
      for (const line of lines(model)) {
        expect(line, model.template.id).not.toContain('(source:');
        expect(line, model.template.id).not.toMatch(/\((Observation|Self-reported)[^)]*\)+\s*$/);
        expect(line, model.template.id).not.toContain('Sources for this section');
      }
    }
  });

  it.each(cases)('%s: no sentence reveals that something was withheld', (_, c, p) => {
    for (const model of reports(c, p)) {
      const text = lines(model).join('\n');
      expect(text).not.toMatch(/not for disclosure|withheld|redacted/i);
    }
  });

  it('lists only the options proposed and set aside, never the catalogue, and no pre-trial measure after conviction', () => {
    for (const model of reports(womanWithTwoDependants(), proposal)) {
      const table = model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.header[0] === 'Option');
      if (table?.kind !== 'table') throw new Error(`no options table in ${model.template.id}`);
      expect(table.rows.map((r) => r[0]!.map((l) => l.map((x) => x.text).join('')).join(' ')), model.template.id).toEqual([probationName, 'Fine']);
      const text = lines(model).join('\n');
      expect(text).not.toMatch(/Bail|Release on undertaking/);
    }
    // With no proposal yet, the report says so instead of listing what the matcher found.
    for (const model of reports(womanWithTwoDependants())) {
      const section = model.sections.find((s) => s.id === 'options')!;
      expect(section.blocks.some((b) => b.kind === 'table')).toBe(false);
    }
  });
});

describe('the report templates name every interview question as a statement', () => {
  it.each(templates.filter((t) => t.language.startsWith('en')).map((t) => [t.id, t] as const))('%s', (_, template) => {
    const questions = questionFields().filter(([id]) => id.includes('.'));
    expect(questions.length).toBeGreaterThan(20);
    for (const [id, question] of questions) {
      expect(template.labels.items[id], `${id}: "${question}"`).toBeDefined();
      expect(template.labels.items[id]).not.toMatch(/\?/);
    }
  });
});

describe('the impact of custody on dependants and on a pregnancy', () => {
  /** A convicted woman, pregnant, with no children. */
  function pregnantNoChildren(): InterviewCase {
    const c = womanWithTwoDependants('CR-2026-0516');
    const answers = { ...c.interview.answers };
    for (const id of ['dependants.people', 'caregiving.primaryCaregiver', 'caregiving.custodyImpact', 'caregiving.bestInterests']) delete answers[id];
    answers['dependants.hasDependants'] = { status: 'answered', value: false };
    answers['caregiving.pregnant'] = { status: 'answered', value: 'yes' };
    answers['caregiving.dueDate'] = { status: 'answered', value: '2027-02-14' };
    return { ...c, interview: { ...c.interview, answers } };
  }
  const impact = (model: RenderedReport) => model.sections.find((s) => s.id === 'custody-impact');

  it("is reported for a pregnant woman with no children, in the officer's words", () => {
    const written = { 'custody-impact': 'Custody would interrupt the antenatal care of a pregnancy monitored as high risk; her baby is due in February 2027.' };
    const [model] = reports(pregnantNoChildren(), undefined, written).filter((m) => m.template.id === 'full-report');
    const section = impact(model!);
    expect(section, 'the custody-impact section').toBeDefined();
    const text = lines({ ...model!, sections: [section!] }).join('\n');
    expect(text).toContain(written['custody-impact']);
    expect(text).not.toContain('Pregnant: Yes');
  });

  it('is not reported when she has no dependants and is not pregnant, nor when the pregnancy is withheld', () => {
    const c = pregnantNoChildren();
    c.interview.answers['caregiving.pregnant'] = { status: 'answered', value: 'no' };
    expect(impact(reports(c).find((m) => m.template.id === 'full-report')!)).toBeUndefined();
    c.interview.answers['caregiving.pregnant'] = { status: 'answered', value: 'yes', notForDisclosure: true };
    expect(impact(reports(c).find((m) => m.template.id === 'full-report')!)).toBeUndefined();
  });

  it('a pre-trial report never speaks of "age at the offence" about an alleged offence', () => {
    for (const model of reports(preTrial())) {
      expect(lines(model).join('\n'), model.template.id).not.toMatch(/at the offence/i);
    }
  });

  it.each(cases)('%s: the preferred language is named in words, never as a code', (_, c, p) => {
    for (const model of reports(c, p)) {
      const line = lines(model).find((l) => l.startsWith('Preferred language:'));
      expect(line, model.template.id).toBe('Preferred language: English');
    }
    const arabic = { ...c, details: { ...c.details, person: { ...c.details.person, preferredLanguage: 'ar' } } };
    for (const model of reports(arabic, p)) expect(lines(model), model.template.id).toContain('Preferred language: Arabic');
  });

  it('a pre-trial report never speaks of an age at the offence about an alleged offence', () => {
    for (const model of reports(preTrial())) expect(lines(model).join('\n')).not.toMatch(/age at the offence/i);
  });
});

describe("every shipped template with every fixture case it applies to: the officer's analysis, not the interview", () => {
  const shipped = listReportTemplates();
  const applied = shipped.flatMap((t) =>
    fixtureNames.filter((f) => f !== 'very-long' && t.stages.includes(fixture(f).case.stage)).map((f) => [`${t.id} / ${f}`, t, f] as const),
  );
  const render = (t: ReportTemplate, f: FixtureName) => assembleReport(t, ReportContext.parse(fixture(f)), { jurisdiction });

  it('covers every shipped template and every fixture case', () => {
    expect(new Set(applied.map(([, t]) => t.id))).toEqual(new Set(shipped.map((t) => t.id)));
    expect(new Set(applied.map(([, , f]) => f))).toEqual(new Set(fixtureNames.filter((f) => f !== 'very-long')));
  });

  it.each(applied)('%s', (_, template, f) => {
    const input = ReportContext.parse(fixture(f));
    const model = render(template, f);
    const text = lines(model).join('\n');
    // No question from the interview, and no interview answer printed as "label: value".
    for (const q of questionLabels()) expect(text.toLowerCase(), q).not.toContain(q.toLowerCase());
    // The addendum alone keeps a short factual list of what changed; the other templates print no answers.
    if (template.sections.every((s) => s.blocks.every((b) => b.type !== 'answers'))) expect(leads(model)).toEqual([]);
    else expect(template.id).toBe('addendum');
    expect(text).not.toContain('(source:');
    expect(text).not.toContain('Sources for this section');
    // Nothing says that something was withheld.
    expect(text).not.toMatch(/not for disclosure|withheld|redacted|A recorded fact that is not for disclosure/i);
    // The officer's own text of every written section that applies, whole.
    const written = model.sections.filter((s) => template.sections.find((t) => t.id === s.id)?.write);
    for (const section of written) {
      const own = input.written[section.id];
      expect(own, `${f} has text for ${section.id}`).toBeTruthy();
      expect(text, section.id).toContain(own!.split(/\n\s*\n/)[0]!);
    }
    // Only the options decided (proposed, or considered and set aside), never the catalogue.
    const table = model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.header[0] === 'Option');
    if (table?.kind !== 'table') throw new Error('no options table');
    expect(table.rows.map((r) => r[0]!.map((l) => l.map((x) => x.text).join('')).join(' '))).toEqual(input.options.map((o) => o.name));
    expect(input.options.every((o) => o.decision === 'proposed' || o.reasons.length > 0)).toBe(true);
  });

  const rule64 = (model: RenderedReport) => lines(model).some((l) => /Rule 64 of the United Nations Bangkok Rules/.test(l) && /non-custodial sentences are to be preferred/.test(l));

  it('reminds the court of Bangkok Rule 64 for a woman with dependants or who is pregnant, and never for a man', () => {
    const full = shipped.find((x) => x.id === 'full-report')!;
    expect(rule64(render(full, 'woman-with-dependants'))).toBe(true);
    expect(rule64(render(full, 'pregnant-no-children'))).toBe(true);
    expect(rule64(render(full, 'arabic-language')), 'a woman with no dependants, not pregnant').toBe(false);
    expect(rule64(render(full, 'young-adult'))).toBe(false);
    // A man with dependants: the impact of custody on his children, but no Rule 64 note.
    const man = ReportContext.parse({ ...fixture('young-adult'), facts: { ...fixture('young-adult').facts, hasDependants: true } });
    const model = assembleReport(shipped.find((x) => x.id === 'full-report')!, man, { jurisdiction });
    expect(model.sections.map((s) => s.id)).toContain('custody-impact');
    expect(rule64(model)).toBe(false);
  });

  it("gives the impact of custody on the pregnancy of a woman with no children, in the officer's words", () => {
    const model = render(shipped.find((x) => x.id === 'full-report')!, 'pregnant-no-children');
    const section = model.sections.find((s) => s.id === 'custody-impact');
    expect(section).toBeDefined();
    const text = lines({ ...model, sections: [section!] }).join('\n');
    expect(text).toContain('Custody would interrupt the antenatal care');
    expect(text).toContain('14 February 2027');
  });

  it('prints the risk score directly beside the reasons for it', () => {
    const model = render(shipped.find((x) => x.id === 'full-report')!, 'woman-with-dependants');
    const risk = model.sections.find((s) => s.id === 'risk')!;
    const at = risk.blocks.findIndex((b) => b.kind === 'table');
    const next = risk.blocks[at + 1];
    expect(next?.kind === 'paragraph' && next.runs.map((r) => r.text).join('')).toMatch(/^Author's assessment: I assess the likelihood/);
  });
});

describe('"Start from the recorded facts" with the shipped phrases', () => {
  /** The answers shown beside a written section: ids starting with one of its prefixes, or a whole context section ("section:women"). */
  function evidenceOf(ctx: ReportContext, prefixes: readonly string[]): AnswerItem[] {
    return Object.entries(ctx.sections).flatMap(([key, s]) =>
      s.items.filter((item) => prefixes.some((p) => (p.startsWith('section:') ? p.slice('section:'.length) === key : item.id.startsWith(p)))),
    );
  }

  it.each(templates.filter((t) => t.drafting).map((t) => [t.id, t] as const))('%s: plain sentences about the person, never the questions, never a withheld answer', (_, template) => {
    const base = template.stages.includes('pre_trial') ? preTrial() : womanWithTwoDependants();
    const c = { ...base, details: { ...base.details, reportType: template.reportTypes?.[0] ?? base.details.reportType } };
    c.interview.answers['home.safeAndStable'] = { status: 'answered', value: true };
    const ctx = buildReport({ forms, catalogue, youngAdultUpperAge: 25, reportDate: '2026-11-26', authorName: 'Jane Doyle', programmes: [], details: c.details, interview: c.interview, template, language: reportLanguageOf(template) });
    const name = c.details.person.givenNames;
    const questions = questionLabels().map((q) => q.toLowerCase());
    let drafted = 0;
    for (const section of template.sections.filter((s) => s.write && s.write.evidence.length > 0)) {
      const items = evidenceOf(ctx, section.write!.evidence);
      const text = draftSection({ template, sectionId: section.id, items, personName: name });
      for (const q of questions) expect(text.toLowerCase(), `${section.id}: "${q}"`).not.toContain(q);
      expect(text, section.id).not.toMatch(/\{(name|value|label)\}/);
      for (const item of items.filter((i) => i.notForDisclosure && i.value.length > 8)) expect(text).not.toContain(item.value);
      if (items.length > 0) drafted++;
    }
    expect(drafted).toBeGreaterThan(1);
    const circumstances = evidenceOf(ctx, template.sections.find((s) => s.id === (template.id === 'short-format-report' ? 'person' : 'circumstances'))!.write!.evidence);
    expect(draftSection({ template, sectionId: 'circumstances', items: circumstances, personName: name })).toContain(`${name}'s home is safe and stable for the next six months.`);
  });
});
