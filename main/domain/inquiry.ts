import type { z } from 'zod';
import type { CaseDetails } from '../contract/case';
import { invalidInput, quoted } from '../contract/errors';
import type { FormDefinition } from '../contract/form';
import { CURRENT_INQUIRY_VERSION, INQUIRY_FORMAT, inquirySchemas, type InquiryPackage, type InquiryScreener } from '../contract/inquiry';
import type { Interview } from '../contract/interview';
import { SOURCE_BY_MAX, SOURCE_HOW_MAX } from '../contract/limits';
import { translator } from '../contract/messages';
import type { Person } from '../contract/people';
import { zodIssues } from '../contract/validate';
import { assertCaseDetails, checkCaseFile, type CaseCheckSetting } from './caseFileRules';
import { applyDisclosureDefaults } from './forms/disclosure';
import { screenerAnswers, screenerRefusalIssues } from './forms/screener';
import { interviewSetting } from './interviewRules';

// An inquiry package (main/contract/inquiry.ts): what a screener hands to the officer. Pure: the
// export builds it from a stored case, the import reads it and checks it as a whole before anything
// is written, with every problem named by its path inside the package.

/** The package for a case: its details and only the answers a screener may give, with their not-for-disclosure marks. */
export function buildInquiry(input: { details: CaseDetails; interview: Interview | null; form: FormDefinition; screener: Person; createdAt: string }): InquiryPackage {
  const { details, form, screener, createdAt } = input;
  const recorded = input.interview && input.interview.formId === form.id ? applyDisclosureDefaults(form, input.interview) : null;
  return {
    format: INQUIRY_FORMAT,
    version: CURRENT_INQUIRY_VERSION,
    createdAt,
    screener: { name: screener.fullName, role: screener.role, team: screener.team, service: screener.service },
    case: details,
    interview: { formId: form.id, formVersion: form.version, answers: recorded ? screenerAnswers(form, recorded) : {} },
  };
}

/** A file name that says what the file is and which case: `inquiry-CR-2026-0415-2026-11-26.json`. */
export function inquiryFileName(details: CaseDetails, createdAt: string): string {
  const number = details.caseNumber.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'case';
  return `inquiry-${number}-${createdAt.slice(0, 10)}.json`;
}

/**
 * Reads an inquiry package of any published version, reporting every problem with its JSON path
 * inside the package. Throws `invalid_input` listing all issues.
 */
export function parseInquiry(raw: unknown): InquiryPackage {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidInput([{ path: '$', message: 'An inquiry is a JSON object.', key: 'inquiry.notObject' }]);
  }
  const head = raw as Record<string, unknown>;
  if (head.format !== INQUIRY_FORMAT) {
    throw invalidInput([{ path: '$.format', message: `Not an inquiry: "format" must be "${INQUIRY_FORMAT}".`, key: 'inquiry.notAnInquiry', params: { format: INQUIRY_FORMAT } }]);
  }
  const version = head.version;
  const schema = typeof version === 'number' ? (inquirySchemas as Record<number, z.ZodType>)[version] : undefined;
  if (!schema) {
    const known = Object.keys(inquirySchemas).join(', ');
    const newer = typeof version === 'number' && version > CURRENT_INQUIRY_VERSION;
    throw invalidInput([
      {
        path: '$.version',
        message: newer
          ? `This inquiry is version ${version}, written by a newer version of the app; this app reads versions ${known}.`
          : `Unknown inquiry version ${quoted(version)}; this app reads versions ${known}.`,
        key: newer ? 'inquiry.newerVersion' : 'inquiry.unknownVersion',
        params: { known, ...(typeof version === 'number' ? { version } : {}) },
      },
    ]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(zodIssues(parsed.error));
  return parsed.data as InquiryPackage;
}

/**
 * Refuses a package the import would refuse: its case (as a new case is refused), the form it was
 * taken on, an answer a screener may not give, then what a case file's interview is refused for.
 */
export function checkInquiry(pkg: InquiryPackage, setting: CaseCheckSetting): void {
  assertCaseDetails(pkg.case, setting.today, setting.youngAdultUpperAge, '$.case');
  const { form } = interviewSetting(setting.forms, pkg.case, setting.youngAdultUpperAge);
  if (pkg.interview.formId !== form.id || pkg.interview.formVersion !== form.version) {
    throw invalidInput([
      {
        path: '$.interview.formId',
        message: `This case is interviewed with form ${form.id} version ${form.version}, not ${quoted(pkg.interview.formId)} version ${pkg.interview.formVersion}.`,
        key: 'forms.wrongForm',
      },
    ]);
  }
  const refused = screenerRefusalIssues(form, pkg.interview);
  if (refused.length > 0) throw invalidInput(refused);
  checkCaseFile({ format: 'psr-case-file', formatVersion: 5, case: pkg.case, interview: pkg.interview }, setting);
}

/** `<name>, <team>, <service>`: the screener and their organisation, as a source names a third party. */
export function screenerOrganisation(screener: InquiryScreener): string {
  return [screener.team, screener.service].filter((s) => s.trim() !== '').join(', ');
}

/** Cuts a line to `max` characters (whole code points), marking the cut. */
function fit(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * The inquiry's answers with their source: every answer the screener gave without one is from a
 * third party, the screener and their organisation, in an inquiry prepared on its date. An answer
 * the screener gave a source keeps it. The words are the catalogue's, in the report's language.
 */
export function withInquirySources(pkg: InquiryPackage, language = 'en'): Interview {
  const t = translator(language);
  const organisation = screenerOrganisation(pkg.screener);
  const by = fit(organisation ? t('inquiry.sourceBy', { name: pkg.screener.name, organisation }) : pkg.screener.name, SOURCE_BY_MAX);
  const how = fit(t('inquiry.sourceHow', { date: pkg.createdAt.slice(0, 10) }), SOURCE_HOW_MAX);
  const answers: Interview['answers'] = {};
  for (const [id, answer] of Object.entries(pkg.interview.answers)) {
    answers[id] = answer.source ? answer : { ...answer, source: { kind: 'third_party', by, how } };
  }
  return { ...pkg.interview, answers };
}
