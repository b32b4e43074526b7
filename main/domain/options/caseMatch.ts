import type { CaseDetails } from '../../contract/case';
import type { FormDefinition } from '../../contract/form';
import type { Interview } from '../../contract/interview';
import type { JurisdictionOptions } from '../../contract/jurisdiction';
import type { MatchingProfile, MatchResult, Programme, Proposal } from '../../contract/options';
import type { Catalogue } from './catalogue';
import { disclosableInterview, withheldReasons } from './disclosure';
import { matchOptions } from './match';
import { deriveProfile } from './profile';

// One case's options: the profile is always derived from the case and its interview (never taken
// from a caller), then matched. The API and a store-less report call the same functions.

/** The language condition checks and working hours are read in when a case names none: conditions are written in the report's language. */
export const CHECK_LANGUAGE = 'en';

export interface CaseMatchInput {
  details: CaseDetails;
  interview: Interview | null;
  /** The form the interview was taken on, when the report type has one. */
  form?: FormDefinition | undefined;
  catalogue: Catalogue;
  /** The local programmes to match (programmesToMatch). */
  programmes: readonly Programme[];
  proposal?: Proposal | undefined;
  youngAdultUpperAge: number;
  /** The jurisdiction's options rules (measures per stage, currency, affordability), when it has them. */
  jurisdictionOptions?: JurisdictionOptions | undefined;
  /** The report's language: conditions are written, and read by the checks, in it. */
  language?: string | undefined;
}

/** The language a case's conditions and working hours are read in. */
export function checkLanguage(input: Pick<CaseMatchInput, 'language' | 'catalogue'>): string {
  const wanted = input.language ?? CHECK_LANGUAGE;
  const base = wanted.split('-')[0]!;
  return input.catalogue.languages.has(wanted) ? wanted : input.catalogue.languages.has(base) ? base : CHECK_LANGUAGE;
}

export function caseProfile(input: CaseMatchInput, disclosableOnly = false): MatchingProfile {
  const interview = input.interview && disclosableOnly ? disclosableInterview(input.interview) : input.interview;
  const language = input.catalogue.languages.get(checkLanguage(input));
  const jurisdiction = { youngAdultUpperAge: input.youngAdultUpperAge, ...(input.jurisdictionOptions ? { options: input.jurisdictionOptions } : {}) };
  return deriveProfile(input.details, interview, jurisdiction, { ...(input.form ? { form: input.form } : {}), ...(language ? { language } : {}) });
}

export function matchCase(input: CaseMatchInput, disclosableOnly = false): MatchResult {
  return matchOptions(input.catalogue, input.programmes, caseProfile(input, disclosableOnly), {
    language: checkLanguage(input),
    ...(input.proposal ? { proposal: input.proposal } : {}),
  });
}

/** The matched options as a report may show them: statuses from every fact, reasons withheld where they quote a not-for-disclosure fact. */
export function reportMatch(input: CaseMatchInput): MatchResult {
  return withheldReasons(matchCase(input), matchCase(input, true));
}

/** Active programmes, plus retired ones the proposal still names (so old choices stay readable). */
export function programmesToMatch(all: readonly Programme[], proposal: Proposal | null | undefined): Programme[] {
  const named = new Set((proposal?.selected ?? []).filter((r) => r.type === 'programme').map((r) => r.id));
  return all.filter((p) => !p.retired || named.has(p.id));
}
