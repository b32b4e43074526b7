import { z } from 'zod';
import { OffenceCategory, offenceCategories, ReportType } from './case';
import { languageTag, singleLine } from './text';

const kind = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'A catalogue option kind, such as "caution".' });
const money = z.number().min(0).max(1e9);

/**
 * What the law of the jurisdiction says about community options: which measures exist at which
 * stage (a caution replaces prosecution, so it exists only before a finding of guilt), the
 * currency amounts are in, the offence categories a charge may be given, and how affordability
 * and day-fine units are worked out (docs/DOMAIN.md, community options).
 */
export const JurisdictionOptions = z.strictObject({
  /** ISO 4217 code; every amount in an option's reasons is written in it. */
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'A three-letter ISO 4217 currency code, such as "GBP".' }),
  /** The categories the case page offers for a charge, in the order shown. */
  offenceCategories: z.array(OffenceCategory).min(1).max(offenceCategories.length),
  /** Catalogue option kinds the law provides before a finding of guilt and after conviction; any other kind is not listed at that stage. */
  measures: z.strictObject({ pre_trial: z.array(kind).max(2000), convicted: z.array(kind).max(2000) }),
  affordability: z.strictObject({
    /** Kept back from income for each dependant each month before anything counts as payable. */
    dependantAllowance: money,
    /** The smallest monthly payment a court would set; less than this is not a workable money penalty. */
    minimumMonthlyPayment: money,
  }),
  dayFine: z.strictObject({
    /** One day-fine unit is the monthly amount the person can pay divided by this. */
    daysPerMonth: z.number().int().min(1).max(31),
    /** No unit is set below this amount. */
    minimumUnit: money,
  }),
});
export type JurisdictionOptions = z.infer<typeof JurisdictionOptions>;

/** A probation service's settings: data, not code (templates/jurisdictions/*.json). */
export const Jurisdiction = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: singleLine(200),
  serviceName: singleLine(200),
  locale: languageTag,
  /** Young adults are 18 up to and including this age (docs/DOMAIN.md section 4). */
  youngAdultUpperAge: z.number().int().min(18).max(30),
  /** Words that label the person, by report language, with what to write instead (docs/DOMAIN.md, writing the report). */
  avoidWords: z.record(z.string(), z.array(z.strictObject({ word: singleLine(100), suggestion: singleLine(200) })).max(500)).optional(),
  courts: z.array(singleLine(200)).max(500),
  protectiveMarking: singleLine(100),
  /** Minutes without a key press or click after which a signed-in session locks (default 10). */
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
  /** The letterhead logo: a PNG file beside this jurisdiction file, with the text a screen reader says for it. */
  logo: z
    .strictObject({
      file: z.string().regex(/^[\w-]+\.png$/, { message: 'A PNG file name in templates/jurisdictions/.' }),
      altText: singleLine(300),
    })
    .optional(),
  /** Report types the author may issue without a senior officer's review and countersignature (docs/DOMAIN.md, a report's life); every other type is reviewed. */
  reviewOptional: z.array(ReportType).max(10).optional(),
  /**
   * How many days a closed case is kept before it is listed for erasure (docs/retention.md): it
   * counts from the day the case was closed. Without it no case is ever due for erasure, so a
   * service that has not set its period loses nothing.
   */
  retentionDays: z.number().int().min(1).max(36_500).optional(),
  /** Without it, every catalogue option is listed at the stages its group allows. */
  options: JurisdictionOptions.optional(),
  /**
   * The service's own words in each report language (docs/languages.md): its name, the marking
   * and the logo's text as a report in that language prints them, and `terms`, the legal terms
   * this service words differently from the shipped templates (English text -> its term).
   */
  languages: z
    .record(
      languageTag,
      z.strictObject({
        name: singleLine(200).optional(),
        serviceName: singleLine(200).optional(),
        protectiveMarking: singleLine(100).optional(),
        logoAltText: singleLine(300).optional(),
        terms: z.record(z.string().min(1).max(2000), singleLine(2000)).optional(),
      }),
    )
    .optional(),
});
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** The service's words for a report in `language` ("fr", "fr-CA"): its own translation where it has one. */
export function jurisdictionWords(jurisdiction: Jurisdiction, language: string) {
  const own = jurisdiction.languages?.[language] ?? jurisdiction.languages?.[language.split('-')[0]!];
  return {
    name: own?.name ?? jurisdiction.name,
    serviceName: own?.serviceName ?? jurisdiction.serviceName,
    protectiveMarking: own?.protectiveMarking ?? jurisdiction.protectiveMarking,
    ...(jurisdiction.logo ? { logo: { ...jurisdiction.logo, altText: own?.logoAltText ?? jurisdiction.logo.altText } } : {}),
    terms: own?.terms ?? {},
  };
}
