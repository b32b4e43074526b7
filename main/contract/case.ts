import { z } from 'zod';
import { entityId, entityVersion, isoDate, languageTag, singleLine } from './text';

export const genders = ['female', 'male', 'non_binary', 'self_described', 'not_stated'] as const;
export const reportTypes = ['full', 'short_format', 'pre_trial', 'addendum'] as const;
export const stages = ['pre_trial', 'convicted'] as const;
export const pleas = ['guilty', 'not_guilty', 'not_entered'] as const;

export const Gender = z.enum(genders);
export const ReportType = z.enum(reportTypes);
export const Stage = z.enum(stages);
export const Plea = z.enum(pleas);

export const Person = z.strictObject({
  givenNames: singleLine(120),
  familyName: singleLine(120),
  dateOfBirth: isoDate,
  gender: Gender,
  /** The person's own words, when they describe their gender themselves. */
  genderDescription: singleLine(120).optional(),
  preferredLanguage: languageTag,
});
export type Person = z.infer<typeof Person>;

/** Offence categories a jurisdiction may offer for a charge (its list is in templates/jurisdictions/). */
export const offenceCategories = ['violence', 'sexual', 'domestic_abuse', 'weapons', 'drugs', 'property', 'fraud', 'driving', 'public_order', 'other'] as const;
export const OffenceCategory = z.enum(offenceCategories);
export type OffenceCategory = z.infer<typeof OffenceCategory>;
/** The officer's reading of the charge's seriousness (culpability and harm), which options use for exclusions. */
export const seriousnessLevels = ['low', 'medium', 'high'] as const;
export const Seriousness = z.enum(seriousnessLevels);
export type Seriousness = z.infer<typeof Seriousness>;

export const Charge = z.strictObject({
  offence: singleLine(300),
  offenceDate: isoDate,
  plea: Plea,
  /** When not given, the category is read from the charge's wording. */
  category: OffenceCategory.optional(),
  seriousness: Seriousness.optional(),
});
export type Charge = z.infer<typeof Charge>;

/** What the court asked for and about whom: everything an officer types when opening a case. */
export const CaseDetails = z.strictObject({
  person: Person,
  court: singleLine(200),
  caseNumber: singleLine(64),
  hearingDate: isoDate,
  reportDueDate: isoDate,
  reportType: ReportType,
  stage: Stage,
  charges: z.array(Charge).min(1, { message: 'At least one charge is needed.' }).max(100),
  /** The court's language, which the report is written in; absent: the jurisdiction's (docs/languages.md). */
  courtLanguage: languageTag.optional(),
});
export type CaseDetails = z.infer<typeof CaseDetails>;

const timestamp = z.iso.datetime({ offset: true });

export const CaseRecord = z.strictObject({
  id: entityId,
  version: entityVersion,
  details: CaseDetails,
  createdAt: timestamp,
  createdBy: z.string(),
  updatedAt: timestamp,
  updatedBy: z.string(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/**
 * A case's report state in the case list: its latest report version's state
 * (`versionStates` in main/contract/report.ts, docs/DOMAIN.md), or 'none' while no version has
 * been started. Spelled out here because report.ts imports this module.
 */
export const caseReportStates = ['none', 'draft', 'submitted', 'returned', 'countersigned', 'issued'] as const;
export const CaseReportState = z.enum(caseReportStates);
export type CaseReportState = z.infer<typeof CaseReportState>;

export const CaseSummary = z.strictObject({
  id: entityId,
  version: entityVersion,
  caseNumber: z.string(),
  court: z.string(),
  personName: z.string(),
  hearingDate: isoDate,
  reportDueDate: isoDate,
  reportType: ReportType,
  stage: Stage,
  updatedAt: timestamp,
  state: CaseReportState,
  /** Who writes the case's report, or null while nobody is assigned. */
  authorName: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const caseSorts = ['due_date', 'due_date_desc', 'last_saved', 'case_number'] as const;
export const CaseSort = z.enum(caseSorts);
export type CaseSort = z.infer<typeof CaseSort>;

/** The name as it is written in lists and headers: "FAMILY, Given names". */
export function displayName(person: Pick<Person, 'givenNames' | 'familyName'>): string {
  return `${person.familyName}, ${person.givenNames}`;
}

/**
 * What to say when a case field is left empty or holds no real value, naming the field: an error
 * summary that lists "Enter this." thirteen times helps nobody. Keyed by the field's name with
 * charge indexes left out; `charge` (1-based) is passed for the fields of a charge.
 */
export const caseFieldMessages = {
  'person.givenNames': { key: 'validation.case.givenNames', message: 'Enter the given names.' },
  'person.familyName': { key: 'validation.case.familyName', message: 'Enter the family name.' },
  'person.dateOfBirth': { key: 'validation.case.dateOfBirth', message: 'Enter the date of birth.' },
  'person.gender': { key: 'validation.case.gender', message: 'Choose the gender.' },
  'person.genderDescription': { key: 'validation.case.genderDescription', message: 'Enter the person’s own description of their gender.' },
  'person.preferredLanguage': { key: 'validation.case.preferredLanguage', message: 'Enter the preferred language as a code such as en or pt-BR.' },
  court: { key: 'validation.case.court', message: 'Enter the court.' },
  caseNumber: { key: 'validation.case.caseNumber', message: 'Enter the case number.' },
  hearingDate: { key: 'validation.case.hearingDate', message: 'Enter the hearing date.' },
  reportDueDate: { key: 'validation.case.reportDueDate', message: 'Enter the date the report is due.' },
  reportType: { key: 'validation.case.reportType', message: 'Choose the report type.' },
  stage: { key: 'validation.case.stage', message: 'Choose the stage of the case.' },
  'charges.offence': { key: 'validation.case.offence', message: 'Enter the offence of charge {{charge}}.' },
  'charges.offenceDate': { key: 'validation.case.offenceDate', message: 'Enter the offence date of charge {{charge}}.' },
  'charges.plea': { key: 'validation.case.plea', message: 'Choose the plea for charge {{charge}}.' },
} as const satisfies Record<string, { key: string; message: string }>;
export type CaseFieldName = keyof typeof caseFieldMessages;
