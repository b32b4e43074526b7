import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFormFile } from '../../../main/loaders/forms';
import { loadCatalogue, optionsDir } from '../../../main/loaders/catalogue';
import { templatesDir } from '../../../main/loaders/dataFiles';
import { AppError } from '../../../main/contract/errors';
import { ReportTemplate } from '../../../main/contract/report';
import { dialectKinds, jsonLogicOperators, operatorGroups, operatorsOf, validateRule } from '../../../main/domain/rules';
import { loadReportTemplate } from '../../../main/loaders/reportTemplates';
import { tempDir } from '../../support/core';

// One rule language for every data file, with a dialect per kind of file written as a table.
// These tests load real data files with one rule changed, through the loaders the app uses.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function copyOf(from: string): string {
  const dir = tempDir('psr-rules-');
  dirs.push(dir);
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

function editJson(file: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  change(json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

function refusal(load: () => unknown): AppError {
  try {
    load();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('the broken file was accepted');
}

describe('the dialect table', () => {
  it('places every JSON Logic operator in exactly one group, and says why for each group', () => {
    const placed = operatorGroups.flatMap((g) => g.operators);
    expect([...placed].sort()).toEqual([...jsonLogicOperators].sort());
    for (const group of operatorGroups) expect(group.why.length, group.operators.join(' ')).toBeGreaterThan(20);
  });

  it('lets no kind of file run code or read computed names', () => {
    for (const kind of dialectKinds) {
      for (const op of ['log', 'method', 'missing_some']) expect(operatorsOf(kind), `${kind} ${op}`).not.toContain(op);
    }
  });

  it('gives forms comparisons, logic and arithmetic, templates only comparisons and logic (and missing), the catalogue list operators too', () => {
    expect(operatorsOf('form')).toEqual(expect.arrayContaining(['==', 'in', 'some', '+', 'cat']));
    expect(operatorsOf('form')).not.toContain('map');
    expect(operatorsOf('template')).toContain('missing');
    expect(operatorsOf('template')).not.toContain('+');
    expect(operatorsOf('catalogue')).toEqual(expect.arrayContaining(['map', 'filter', 'reduce', '%', 'substr']));
    expect(operatorsOf('catalogue')).not.toContain('missing');
    expect(operatorsOf('programme')).not.toContain('map');
  });
});

describe('a bad rule in a data file is refused, naming the file, the JSON path and why', () => {
  it('a catalogue rule may not use the template-only operator "missing", and the error names the file and JSON path', () => {
    const dir = copyOf(optionsDir());
    editJson(path.join(dir, 'rules.json'), (j) => {
      (j.rules as Array<Record<string, unknown>>)[0]!.failsWhen = { missing: ['consentTreatment'] };
    });
    const e = refusal(() => loadCatalogue(dir));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain(`${path.join(dir, 'rules.json')} $.rules[0].failsWhen.missing: unknown or disallowed operator "missing": a catalogue rule may not use it`);
    expect(e.message).toContain('a rule cannot turn "not recorded" into a yes or a no');
    expect(e.details.path).toBe('$.rules[0].failsWhen.missing');
  });

  it('a form rule may not use the catalogue-only operator "map", and the error names the shared section file and JSON path', () => {
    const dir = copyOf(path.join(templatesDir(), 'forms'));
    editJson(path.join(dir, 'sections', 'caregiving.json'), (s) => {
      (s.fields as Array<Record<string, unknown>>)[1]!.visibleWhen = { map: [{ var: 'answers.dependants.hasDependants' }, { var: '' }] };
    });
    const e = refusal(() => loadFormFile(path.join(dir, 'full.json')));
    expect(e.message).toContain(path.join(dir, 'sections', 'caregiving.json'));
    expect(e.message).toContain('$.fields[1].visibleWhen.map: Unknown or disallowed operator "map": a form rule may not use it');
    expect(e.details.issues?.[0]).toMatchObject({ path: '$.fields[1].visibleWhen.map', key: 'forms.badRule' });
  });

  it('a template condition may not do arithmetic, and the error says where the sum belongs', () => {
    const dir = copyOf(path.join(templatesDir(), 'reports'));
    editJson(path.join(dir, 'full-report.json'), (t) => {
      (t.sections as Array<Record<string, unknown>>)[2]!.when = { '>': [{ '+': [{ var: 'facts.ageAtReport' }, 1] }, 25] };
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(
      `${path.join(dir, 'full-report.json')}: $.sections[2].when[">"][0]["+"]: Unknown or disallowed operator "+": a template condition may not use it`,
    );
  });

  it('tells a word that is not JSON Logic from an operator the file may not use', () => {
    const unknown = validateRule({ equals: [1, 1] }, 'form').issues;
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.reason).toMatch(/^unknown JSON Logic operator "equals"; a form rule may use: var == /);
    expect(validateRule({ method: [{ var: 'x' }, 'toString'] }, 'catalogue').issues[0]!.reason).toContain('a data file may not run code');
  });

  it('checks a template condition inside "some" against one element of the list, not the whole context', () => {
    const ok = { some: [{ var: 'case.charges' }, { '==': [{ var: 'offence' }, 'Theft'] }] };
    const dir = copyOf(path.join(templatesDir(), 'reports'));
    editJson(path.join(dir, 'full-report.json'), (t) => {
      (t.sections as Array<Record<string, unknown>>)[2]!.when = ok;
    });
    expect(loadReportTemplate('full-report', { dirs: [dir] }).sections[2]!.when).toEqual(ok);
    editJson(path.join(dir, 'full-report.json'), (t) => {
      (t.sections as Array<Record<string, unknown>>)[2]!.when = { some: [{ var: 'case.charges' }, { '==': [{ var: 'offense' }, 'Theft'] }] };
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(/\$\.sections\[2\]\.when\.some\[1\]\["=="\]\[0\]\.var: Unknown variable "offense" in an element of case\.charges/);
  });

  it('follows a "some" inside a "some" down to the element of the inner list', () => {
    const section = (when: unknown) => ({ id: 's', title: 'S', when, blocks: [{ type: 'signatures' }] });
    const nested = (field: string) => ({ some: [{ var: 'options' }, { some: [{ var: 'reasons' }, { '==': [{ var: field }, 'x'] }] }] });
    const template = JSON.parse(fs.readFileSync(path.join(templatesDir(), 'reports', 'full-report.json'), 'utf8')) as { sections: unknown[] };
    expect(ReportTemplate.safeParse({ ...template, sections: [section(nested(''))] }).success).toBe(true);
    const bad = ReportTemplate.safeParse({ ...template, sections: [section({ some: [{ var: 'options' }, { some: [{ var: 'reasonz' }, true] }] })] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('Unknown variable "reasonz" in an element of options');
  });

  it('lists what a catalogue or programme rule may read when it names something else', () => {
    const check = validateRule({ '==': [{ var: 'consentTretment' }, 'yes'] }, 'programme', { file: 'programme.json', path: ['eligibility'] });
    expect(check.issues).toMatchObject([{ file: 'programme.json', path: '$.eligibility["=="][0].var', key: 'programmesUi.badEligibilityRule' }]);
    expect(check.issues[0]!.reason).toContain('unknown variable "consentTretment"; a programme eligibility rule may read: stage, ageAtOffence');
  });

  it('reports the facts a good rule reads, leaving out the elements it iterates over', () => {
    const rule = { and: [{ some: [{ var: 'offenceCategories' }, { in: [{ var: '' }, ['sexual']] }] }, { '<': [{ var: 'ageAtReport' }, 26] }] };
    expect(validateRule(rule, 'catalogue')).toEqual({ issues: [], reads: ['offenceCategories', 'ageAtReport'] });
  });
});
