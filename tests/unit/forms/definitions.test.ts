import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formForReportType } from '../../../main/domain/interviewRules';
import { loadForms } from '../../../main/loaders/forms';
import { templatesDir } from '../../../main/loaders/dataFiles';
import { AppError } from '../../../main/contract/errors';
import type { Field, FormDefinition } from '../../../main/contract/form';
import { tempDir } from '../../support/core';
import { form, forms } from './shipped';

// A probation service edits these files by hand. Every shipped one must load, and a broken one must
// be refused with the file, the JSON path and the reason, so whoever edited it can fix it.

const fieldsOf = (f: FormDefinition): Field[] => f.sections.flatMap((s) => s.fields);

describe('the shipped interview forms', () => {
  it('all load, and each report type except the addendum has its interview', () => {
    expect([...forms.keys()].sort()).toEqual(['full', 'pre-trial', 'short-format']);
    expect(formForReportType(forms, 'full')?.id).toBe('full');
    expect(formForReportType(forms, 'short_format')?.id).toBe('short-format');
    expect(formForReportType(forms, 'pre_trial')?.id).toBe('pre-trial');
    expect(formForReportType(forms, 'addendum')).toBeUndefined();
  });

  it('give the full interview all 17 domains of docs/DOMAIN.md, after informed participation', () => {
    expect(form('full').sections.map((s) => s.id)).toEqual([
      'participation',
      'caseAndStage',
      'identity',
      'offendingHistory',
      'offenceAnalysis',
      'caregiving',
      'accommodation',
      'educationEmploymentFinance',
      'relationships',
      'victimisation',
      'genderResponsiveNeeds',
      'mentalHealth',
      'substanceUse',
      'physicalHealth',
      'maturity',
      'attitudesStrengths',
      'victim',
      'riskAssessment',
      'feasibility',
    ]);
  });

  it('start every form with informed participation', () => {
    for (const f of forms.values()) expect(f.sections[0]?.informedParticipation).toBe(true);
  });

  it('have the repeatable groups the officer needs: dependants, previous convictions, other charges, sources consulted', () => {
    const groups = fieldsOf(form('full')).filter((f) => f.kind === 'repeatable_group').map((f) => f.id);
    expect(groups).toEqual(expect.arrayContaining(['dependants.people', 'history.previousConvictions', 'case.otherCharges', 'case.sourcesConsulted']));
  });

  it('flag every offence-analysis question as an offence account in the full form', () => {
    const analysis = form('full').sections.find((s) => s.id === 'offenceAnalysis');
    expect(analysis?.fields.length).toBeGreaterThan(0);
    for (const f of analysis?.fields ?? []) expect(f.offenceAccount, f.id).toBe(true);
  });
});

describe('short-format and pre-trial share what they should', () => {
  const full = new Map(fieldsOf(form('full')).map((f) => [f.id, f]));

  it('ask every question with the same wording, options and rules as the full interview', () => {
    for (const id of ['short-format', 'pre-trial'] as const) {
      for (const field of fieldsOf(form(id))) expect(field, `${id}: ${field.id}`).toEqual(full.get(field.id));
    }
  });

  it('share the gender- and age-responsive sections and the informed participation whole', () => {
    for (const sectionId of ['participation', 'caregiving', 'victimisation', 'genderResponsiveNeeds', 'maturity', 'riskAssessment']) {
      const inFull = form('full').sections.find((s) => s.id === sectionId);
      expect(inFull, sectionId).toBeDefined();
      expect(form('short-format').sections.find((s) => s.id === sectionId), sectionId).toEqual(inFull);
      expect(form('pre-trial').sections.find((s) => s.id === sectionId), sectionId).toEqual(inFull);
    }
  });

  it('leave every offence-account question out of the pre-trial interview', () => {
    const preTrial = fieldsOf(form('pre-trial'));
    expect(preTrial.filter((f) => f.offenceAccount)).toEqual([]);
    expect(form('pre-trial').sections.some((s) => s.id === 'offenceAnalysis')).toBe(false);
    const ids = preTrial.map((f) => f.id);
    expect(ids).not.toContain('victim.views');
    expect(ids).toEqual(expect.arrayContaining(['victim.safetyConcerns', 'victim.noContactNeeded', 'case.custodyStatus', 'history.bailCompliance']));
  });

  it('keep the offence account in the short-format interview, which is for a convicted person', () => {
    const ids = fieldsOf(form('short-format')).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['offence.ownAccount', 'offence.culpability']));
    expect(ids.length).toBeLessThan(full.size);
  });
});

describe('a broken form definition is refused with the file, the JSON path and the reason', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of the shipped forms folder, changed by `edit`, then loaded. */
  function loadEdited(edit: (root: string) => void): AppError {
    dir = tempDir('psr-forms-');
    fs.cpSync(path.join(templatesDir(), 'forms'), dir, { recursive: true });
    edit(dir);
    try {
      loadForms(dir);
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('The broken definition was accepted.');
  }

  const editJson = (file: string, change: (json: Record<string, unknown> & { fields: Array<Record<string, unknown>> }) => void) => {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(json);
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
  };

  it('names a rule variable that is not a question of the form', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'sections', 'caregiving.json'), (s) => {
        (s.fields[1] as Record<string, unknown>).visibleWhen = { '==': [{ var: 'answers.dependants.hasDependents' }, true] };
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(`${path.join('sections', 'caregiving.json')}: $.fields[1].visibleWhen["=="][0].var: "dependants.hasDependents" is not a question of this form.`);
    expect(error.details.issues?.[0]).toMatchObject({ path: '$.fields[1].visibleWhen["=="][0].var', key: 'forms.unknownVariable' });
  });

  it('names a rule that looks at a later question', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'sections', 'caregiving.json'), (s) => {
        (s.fields[0] as Record<string, unknown>).visibleWhen = { '==': [{ var: 'answers.caregiving.primaryCaregiver' }, true] };
      }),
    );
    expect(error.details.issues?.[0]).toMatchObject({ path: '$.fields[0].visibleWhen["=="][0].var', key: 'forms.laterVariable' });
  });

  it('names a compared value that is not one of the question’s options', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'sections', 'accommodation.json'), (s) => {
        (s.fields[1] as Record<string, unknown>).visibleWhen = { '==': [{ var: 'answers.home.situation' }, 'council'] };
      }),
    );
    expect(error.message).toContain('accommodation.json: $.fields[1].visibleWhen["=="][1]: "council" is not a possible value here');
  });

  it('names a duplicate field id, in the form that repeats it', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'full.json'), (f) => {
        (f as unknown as { sections: unknown[] }).sections.push({
          id: 'extra',
          title: { en: 'Extra' },
          fields: [{ id: 'home.situation', kind: 'yes_no', label: { en: 'Again' } }],
        });
      }),
    );
    expect(error.message).toContain(`full.json: $.sections[19].fields[0].id: Field id "home.situation" is already used.`);
    expect(error.details.params).toMatchObject({ file: expect.stringMatching(/full\.json$/) });
  });

  it('names a duplicate option id', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'sections', 'accommodation.json'), (s) => {
        const options = (s.fields[0] as { options: Array<{ id: string }> }).options;
        (options[1] as { id: string }).id = 'owner';
      }),
    );
    expect(error.message).toContain('accommodation.json: $.fields[0].options[1].id: Option id "owner" is already used in this question.');
  });

  it('refuses a file that is not valid JSON', () => {
    const error = loadEdited((root) => fs.writeFileSync(path.join(root, 'short-format.json'), '{"id": "short-format", '));
    expect(error.message).toMatch(/short-format\.json: not valid JSON/);
    expect(error.details.path).toBe('$');
  });

  it('refuses a misspelt key with its path', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'sections', 'identity.json'), (s) => {
        const field = s.fields[0] as Record<string, unknown>;
        field.lable = field.label;
      }),
    );
    expect(error.message).toContain('identity.json: $.fields[0]: Unknown field: "lable".');
  });

  it('refuses a label without English', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'sections', 'identity.json'), (s) => {
        (s.fields[0] as Record<string, unknown>).label = { fr: 'Première langue' };
      }),
    );
    expect(error.message).toContain('identity.json: $.fields[0].label: English ("en") is required.');
  });

  it('refuses a pre-trial form that would ask for the account of the alleged offence', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'pre-trial.json'), (f) => {
        (f as unknown as { sections: unknown[] }).sections.splice(4, 0, { include: 'offence-analysis' });
      }),
    );
    expect(error.message).toContain('offence-analysis.json: $.fields[0].offenceAccount: A pre-trial form may not ask for the account');
  });

  it('refuses an include of a section file that does not exist, and an omit of a field the section lacks', () => {
    const missing = loadEdited((root) =>
      editJson(path.join(root, 'full.json'), (f) => {
        (f as unknown as { sections: unknown[] }).sections.push({ include: 'housing' });
      }),
    );
    expect(missing.message).toMatch(/full\.json: \$\.sections\[19\]\.include: There is no shared section file .*housing\.json/);
    fs.rmSync(dir as string, { recursive: true, force: true });
    const omit = loadEdited((root) =>
      editJson(path.join(root, 'short-format.json'), (f) => {
        (f as unknown as { sections: Array<Record<string, unknown>> }).sections[6] = { include: 'accommodation', omit: ['home.garden'] };
      }),
    );
    expect(omit.message).toContain('short-format.json: $.sections[6].omit[0]: "home.garden" is not a field of');
  });

  it('refuses two forms for the same report type', () => {
    const error = loadEdited((root) =>
      editJson(path.join(root, 'short-format.json'), (f) => {
        (f as unknown as { reportTypes: string[] }).reportTypes = ['short_format', 'full'];
      }),
    );
    expect(error.message).toMatch(/short-format\.json: \$\.reportTypes\[1\]: Report type "full" is already served by form "full"/);
  });
});
