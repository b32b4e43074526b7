import { genders, reportTypes, stages, type CaseDetails, type Charge, type Person } from '../../contract/case';
import { isGroupAnswer, type Interview } from '../../contract/interview';
import type { Answer, FactName, MatchingProfile, NotRecorded, RecordedAmount } from '../../contract/options';
import type { ReportFacts } from '../../contract/report';

// The facts rules read, derived in one place from the case (and, for dependants, the interview):
// ages, whether the person is a woman or a young adult, dependants, the stage. Form rules, the
// matching profile, catalogue rules and template conditions all read them from here, so the
// interview, the options and the report can never disagree about whom a provision is for.

// ---------------------------------------------------------------------------------------------
// Ages. Pure: the caller supplies every date, so tests can pin the calendar.

function parse(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/**
 * Whole years completed by `on`. Someone born on 29 February turns a year older on 1 March in a
 * common year, the reading most common-law jurisdictions apply to the age of criminal majority.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const b = parse(dateOfBirth);
  const t = parse(on);
  let age = t.y - b.y;
  if (t.m < b.m || (t.m === b.m && t.d < b.d)) age -= 1;
  return age;
}

export const ADULT_AGE = 18;

export interface AgeAssessment {
  ageAtOffence: number;
  ageAtReport: number;
  /** Under 18 at the offence or at the report: child justice applies, no adult report may be made. */
  child: boolean;
  /** 18 to the jurisdiction's upper limit, inclusive, at the offence or at the report. */
  youngAdult: boolean;
}

/** `offenceDates` may be empty (no charges yet); the earliest offence is the one that counts. */
export function assessAge(dateOfBirth: string, offenceDates: readonly string[], reportDate: string, youngAdultUpperAge: number): AgeAssessment {
  const earliestOffence = [...offenceDates].sort()[0] ?? reportDate;
  const ageAtOffence = ageOn(dateOfBirth, earliestOffence);
  const ageAtReport = ageOn(dateOfBirth, reportDate);
  const child = ageAtOffence < ADULT_AGE || ageAtReport < ADULT_AGE;
  const youngAdult = !child && Math.min(ageAtOffence, ageAtReport) <= youngAdultUpperAge;
  return { ageAtOffence, ageAtReport, child, youngAdult };
}

/**
 * A case's ages: at its earliest offence and at the report due date (the date the court reads the
 * report). The case's age gate and every rule use this, so they never disagree about who is a child.
 */
export function assessCaseAge(
  details: { person: { dateOfBirth: string }; charges: ReadonlyArray<{ offenceDate: string }>; reportDueDate: string },
  youngAdultUpperAge: number,
): AgeAssessment {
  return assessAge(
    details.person.dateOfBirth,
    details.charges.map((c) => c.offenceDate),
    details.reportDueDate,
    youngAdultUpperAge,
  );
}

/**
 * Only the person's own statement that they are a woman makes the women-specific provisions
 * (Bangkok Rules) apply; for every other gender they stay available but optional.
 */
export function isWoman(gender: Person['gender']): boolean {
  return gender === 'female';
}

// ---------------------------------------------------------------------------------------------
// The case facts: what a form rule sees besides the answers (`{"var": "isWoman"}`).

export interface RuleFacts {
  gender: Person['gender'];
  /** Women-specific sections (Bangkok Rules) are required when this is true. */
  isWoman: boolean;
  ageAtOffence: number;
  ageAtReport: number;
  /** Under 18 at the offence or at the report: no interview and no report. */
  isChild: boolean;
  /** 18 to the jurisdiction's upper age, inclusive, at the offence or at the report. */
  isYoungAdult: boolean;
  stage: CaseDetails['stage'];
  reportType: CaseDetails['reportType'];
}

/** The values each case fact can take: literals a rule compares a fact with are checked against these. */
export const RULE_FACT_VALUES: Readonly<Record<keyof RuleFacts, readonly string[] | 'boolean' | 'number'>> = {
  gender: genders,
  isWoman: 'boolean',
  ageAtOffence: 'number',
  ageAtReport: 'number',
  isChild: 'boolean',
  isYoungAdult: 'boolean',
  stage: stages,
  reportType: reportTypes,
};

/** The names a form rule may read besides `answers.<fieldId>` (checked when a form loads). */
export const RULE_FACT_NAMES = Object.keys(RULE_FACT_VALUES) as Array<keyof RuleFacts>;

/** The parts of a case the facts come from; a full `CaseDetails` fits. */
export interface CaseFactsSource {
  person: Pick<Person, 'dateOfBirth' | 'gender'>;
  charges: ReadonlyArray<Pick<Charge, 'offenceDate'>>;
  reportDueDate: string;
  stage: CaseDetails['stage'];
  reportType: CaseDetails['reportType'];
}

/** The case facts for a jurisdiction (its young-adult upper age). */
export function deriveFacts(details: CaseFactsSource, jurisdiction: { youngAdultUpperAge: number }): RuleFacts {
  const age = assessCaseAge(details, jurisdiction.youngAdultUpperAge);
  return {
    gender: details.person.gender,
    isWoman: isWoman(details.person.gender),
    ageAtOffence: age.ageAtOffence,
    ageAtReport: age.ageAtReport,
    isChild: age.child,
    isYoungAdult: age.youngAdult,
    stage: details.stage,
    reportType: details.reportType,
  };
}

// ---------------------------------------------------------------------------------------------
// Dependants, read off the interview.

const HAS_DEPENDANTS = 'dependants.hasDependants';
const DEPENDANTS = 'dependants.people';

/** What the interview records about dependants: the yes/no question and the people listed. */
export interface DependantsRecord {
  answer: Answer;
  /** How many people are listed; why not, when the list was declined or not recorded. */
  listed: RecordedAmount;
}

/**
 * Reads dependants from the answers the form shows for this person (`shown`: a top-level field id
 * the form shows). A hidden, empty or absent answer is `unknown`; a declined one `declined`.
 */
export function readDependants(interview: Interview | null, shown: (fieldId: string) => boolean = () => true): DependantsRecord {
  const answers = interview?.answers ?? {};
  const yesNo = answers[HAS_DEPENDANTS];
  let answer: Answer = 'unknown';
  if (yesNo && !isGroupAnswer(yesNo) && shown(HAS_DEPENDANTS)) {
    if (yesNo.status === 'declined') answer = 'declined';
    else if (typeof yesNo.value === 'boolean') answer = yesNo.value ? 'yes' : 'no';
  }
  const people = answers[DEPENDANTS];
  let listed: RecordedAmount = 'unknown';
  if (people && isGroupAnswer(people) && shown(DEPENDANTS)) listed = people.status === 'declined' ? 'declined' : people.rows.length;
  return { answer, listed };
}

/** The report's yes/no: dependants said to exist, or anyone listed. */
export function hasDependants(record: DependantsRecord): boolean {
  return record.answer === 'yes' || (typeof record.listed === 'number' && record.listed > 0);
}

/** The matching profile's count: 0 when there are none, the people listed when there are, else why not known. */
export function dependantsCount(record: DependantsRecord): RecordedAmount {
  if (record.answer === 'no') return 0;
  if (record.answer === 'yes') return record.listed;
  return record.answer;
}

// ---------------------------------------------------------------------------------------------
// The facts each other kind of rule reads, from the same case facts.

/** The `facts` of a report context, which template conditions read (`facts.isWoman`). */
export function reportFacts(facts: RuleFacts, dependants: boolean): ReportFacts {
  return {
    ageAtOffence: facts.ageAtOffence,
    ageAtReport: facts.ageAtReport,
    isWoman: facts.isWoman,
    isYoungAdult: facts.isYoungAdult,
    hasDependants: dependants,
    stage: facts.stage,
  };
}

/**
 * The variables catalogue (and programme) rules read, flattened from the matching profile. A fact
 * that is not recorded is absent from `values` and listed in `missing` with why (unknown or
 * declined), so no rule can read it as a yes or a no by accident.
 */
export interface FactTable {
  values: Partial<Record<FactName, unknown>>;
  missing: Map<FactName, NotRecorded>;
}

export function profileFacts(p: MatchingProfile): FactTable {
  const values: Partial<Record<FactName, unknown>> = {};
  const missing = new Map<FactName, NotRecorded>();
  const put = (name: FactName, v: unknown) => {
    if (v === 'unknown' || v === 'declined') missing.set(name, v);
    else values[name] = v;
  };

  put('stage', p.stage);
  put('ageAtOffence', p.ageAtOffence);
  put('ageAtReport', p.ageAtReport);
  put('gender', p.gender);
  put('isWoman', p.isWoman);
  put('isYoungAdult', p.isYoungAdult);
  put('offenceCategories', [...new Set(p.offenceCategories)].sort());
  put('monthlyIncome', p.monthlyIncome);
  put('monthlyOutgoings', p.monthlyOutgoings);
  if (typeof p.monthlyIncome === 'number' && typeof p.monthlyOutgoings === 'number') put('disposableIncome', p.monthlyIncome - p.monthlyOutgoings);
  else put('disposableIncome', p.monthlyIncome === 'declined' || p.monthlyOutgoings === 'declined' ? 'declined' : 'unknown');
  put('ableToPay', p.ableToPay);
  put('stableSafeHome', p.stableSafeHome);
  put('noFixedAbode', p.noFixedAbode);
  put('domesticAbuseInHousehold', p.domesticAbuseInHousehold);
  put('hasWorkingHours', Array.isArray(p.workingHours) ? (p.workingHours.length > 0 ? 'yes' : 'no') : p.workingHours);
  put('childcareResponsibilities', p.childcareResponsibilities);
  put('primaryCaregiver', p.primaryCaregiver);
  put('pregnant', p.pregnant);
  put('breastfeeding', p.breastfeeding);
  put('dependants', p.dependants);
  if (p.risk === 'not_assessed') {
    for (const f of ['riskLevel', 'riskInstrument', 'riskDate'] as const) missing.set(f, 'unknown');
  } else {
    put('riskLevel', p.risk.result);
    put('riskInstrument', p.risk.instrument);
    put('riskDate', p.risk.date);
  }
  put('consentCommunityService', p.consents.community_service);
  put('consentTreatment', p.consents.treatment);
  put('consentRestorativeJustice', p.consents.restorative_justice);
  put('consentElectronicMonitoring', p.consents.electronic_monitoring);
  put('fitForUnpaidWork', p.fitForUnpaidWork);
  put('literacy', p.literacy);
  put('acknowledgesBasicFacts', p.acknowledgesBasicFacts);
  put('needs', recordedNeeds(p));
  put('victimViewsOnRestorative', p.victimViewsOnRestorative);
  return { values, missing };
}

/** The distinct recorded needs, sorted (order never changes a result). */
export function recordedNeeds(p: MatchingProfile): string[] {
  return [...new Set(p.needs.map((n) => n.need))].sort();
}
