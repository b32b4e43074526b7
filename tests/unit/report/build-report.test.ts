import { describe, expect, it } from 'vitest';
import { CASE_FILE_FORMAT, type CaseFile } from '../../../main/contract/caseFile';
import type { AppError } from '../../../main/contract/errors';
import type { Programme } from '../../../main/contract/options';
import { offenceAccountFieldIds } from '../../../main/domain/interviewRules';
import { buildReport, buildReportFromCaseFile, reportLanguageOf, templatesForCase } from '../../../main/domain/report/buildReport';
import { loadCatalogue } from '../../../main/loaders/catalogue';
import { loadForms } from '../../../main/loaders/forms';
import { listReportTemplates, loadReportTemplate } from '../../../main/loaders/reportTemplates';
import { preTrial, womanWithTwoDependants } from '../../fixtures/interviews';

// The one report pipeline, as a pure function: every door hands it the same things and gets the
// same report context back.

const forms = loadForms();
const catalogue = loadCatalogue();
const full = loadReportTemplate('full-report');
const base = { forms, catalogue, youngAdultUpperAge: 25, reportDate: '2026-11-26', authorName: 'J. Officer', programmes: [] as Programme[] };

const programme = (over: Partial<Programme>): Programme => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Riverside Women’s Centre',
  provider: 'Riverside Trust',
  kind: 'referral_womens_centre',
  needs: ['trauma'],
  eligibility: { genderSpecific: 'women', youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [] },
  location: '12 River Street',
  capacity: {},
  contact: {},
  languages: ['en'],
  retired: false,
  ...over,
});

/** The error a call throws, as a door would send it. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    return (e as AppError).toApiError();
  }
  throw new Error('nothing was refused');
}

describe('buildReport', () => {
  it('offers only the shipped templates for the case’s stage and report type, and refuses another at $.templateId', () => {
    const c = womanWithTwoDependants();
    const offered = templatesForCase(listReportTemplates(), c.details).map((t) => t.id);
    expect(offered).toContain('full-report');
    expect(offered).not.toContain('pre-trial-report');
    const preTrialTemplate = loadReportTemplate('pre-trial-report');
    expect(refusal(() => buildReport({ ...base, details: c.details, interview: c.interview, template: preTrialTemplate, language: reportLanguageOf(preTrialTemplate) }))).toMatchObject({
      code: 'refused',
      path: '$.templateId',
      key: 'report.errors.templateNotForCase',
    });
  });

  it('lists a retired programme among the options only when the proposal names it', () => {
    const c = womanWithTwoDependants();
    const retired = programme({ retired: true });
    const input = { ...base, details: c.details, interview: c.interview, template: full, language: reportLanguageOf(full), programmes: [retired] };
    const without = buildReport(input);
    expect(without.options.map((o) => o.name)).not.toContain(retired.name);
    const named = buildReport({ ...input, proposal: { selected: [{ type: 'programme', id: retired.id }], rationale: 'Near her home.', alternatives: [], conditions: [], acknowledgements: [] } });
    expect(named.options.map((o) => o.name)).toContain(retired.name);
  });

  it('refuses a pre-trial case file carrying an offence account where import refuses it, before building anything', () => {
    const c = preTrial();
    const offenceId = forms.get('full')!.sections.flatMap((s) => s.fields).find((f) => f.offenceAccount)!.id;
    const file: CaseFile = { format: CASE_FILE_FORMAT, formatVersion: 5, case: c.details, interview: { ...c.interview, answers: { ...c.interview.answers, [offenceId]: { status: 'answered' as const, value: 'My account' } } } };
    const template = loadReportTemplate('pre-trial-report');
    const checks = { forms, youngAdultUpperAge: 25, today: '2026-11-26', offenceAccountIds: offenceAccountFieldIds(forms) };
    expect(refusal(() => buildReportFromCaseFile(file, { catalogue, template, reportDate: '2026-11-26', authorName: 'J. Officer', language: 'en' }, checks))).toMatchObject({
      code: 'refused',
      key: 'errors.presumptionOfInnocence',
      path: `$.interview.answers.${offenceId}`,
    });
  });
});
