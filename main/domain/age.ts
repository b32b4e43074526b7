// Age rules. Pure: the caller supplies every date, so tests can pin the calendar.

interface YMD {
  y: number;
  m: number;
  d: number;
}

function parse(date: string): YMD {
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
  /** 18 to the jurisdiction's upper limit at the report date, inclusive. */
  youngAdult: boolean;
}

/** `offenceDates` may be empty (no charges yet); the earliest offence is the one that counts. */
export function assessAge(
  dateOfBirth: string,
  offenceDates: readonly string[],
  reportDate: string,
  youngAdultUpperAge: number,
): AgeAssessment {
  const earliestOffence = [...offenceDates].sort()[0] ?? reportDate;
  const ageAtOffence = ageOn(dateOfBirth, earliestOffence);
  const ageAtReport = ageOn(dateOfBirth, reportDate);
  const child = ageAtOffence < ADULT_AGE || ageAtReport < ADULT_AGE;
  const youngAdult = !child && Math.min(ageAtOffence, ageAtReport) <= youngAdultUpperAge;
  return { ageAtOffence, ageAtReport, child, youngAdult };
}

/**
 * A case's ages: at its earliest offence and at the report due date. The case's age gate and the
 * form rules both use this, so they can never disagree about who is a child or a young adult.
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
