import { z } from 'zod';
import { Gender, OffenceCategory, offenceCategories, Plea, Seriousness, Stage } from './case';
import { JurisdictionOptions } from './jurisdiction';
import { entityId, isoDate, languageTag, multiLine, singleLine } from './text';
import {
  ACKNOWLEDGEMENT_REASON_MAX,
  OPTION_NAME_MAX,
  ALTERNATIVE_DESCRIPTION_MAX,
  ALTERNATIVES_MAX,
  CONDITION_RISK_MAX,
  CONDITION_TEXT_MAX,
  CONDITIONS_MAX,
  PROPOSAL_OPTIONS_MAX,
  RATIONALE_MAX,
  REASON_SET_ASIDE_MAX,
} from './limits';

// Community options (docs/DOMAIN.md sections 5 and 6): the catalogue as data, the local programmes a
// service adds, the matching profile derived from the case and interview, and the proposal.
// Pure schemas only; the rules over them live in domain/options/.

// ---------------------------------------------------------------------------------------------
// Vocabularies

// `support` holds voluntary help (housing, work, learning, health, family) that fits any stage
// (working paper para 21: support for people awaiting trial as well).
export const optionGroups = ['pre_trial', 'diversion', 'sentencing', 'restorative', 'support'] as const;
export const OptionGroup = z.enum(optionGroups);
export type OptionGroup = z.infer<typeof OptionGroup>;

/**
 * Which groups may be considered at each stage. Enforced by the matcher, not left to catalogue
 * data: before a finding of guilt only release, alternatives to detention and diversion are
 * considered (presumption of innocence, docs/DOMAIN.md section 3).
 */
export const groupsForStage: Readonly<Record<z.infer<typeof Stage>, readonly OptionGroup[]>> = {
  pre_trial: ['pre_trial', 'diversion', 'support'],
  convicted: ['diversion', 'sentencing', 'restorative', 'support'],
};

export const needs = [
  'accommodation',
  'employment',
  'education',
  'finance',
  'substance_use',
  'alcohol',
  'mental_health',
  'physical_health',
  'trauma',
  'relationships',
  'parenting',
  'peers',
  'lifestyle',
  'thinking_behaviour',
  'attitudes',
  'victim_awareness',
  'maturity',
] as const;
export const Need = z.enum(needs);
export type Need = z.infer<typeof Need>;

// The vocabulary lives with the charge (contract/case.ts); re-exported here for the catalogue.
export { offenceCategories, OffenceCategory, seriousnessLevels, Seriousness } from './case';

export const riskLevels = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const consentKinds = ['community_service', 'treatment', 'restorative_justice', 'electronic_monitoring'] as const;
export const ConsentKind = z.enum(consentKinds);
export type ConsentKind = z.infer<typeof ConsentKind>;

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekDay = z.enum(weekDays);
export type WeekDay = z.infer<typeof WeekDay>;

/**
 * A recorded yes/no fact. `unknown` (not asked or not yet recorded) and `declined` (the person
 * chose not to answer) are never read as yes or no: they make an option "suitable with concerns".
 */
export const Answer = z.enum(['yes', 'no', 'unknown', 'declined']);
export type Answer = z.infer<typeof Answer>;
export const NotRecorded = z.enum(['unknown', 'declined']);
export type NotRecorded = z.infer<typeof NotRecorded>;

const amount = z.number().min(0).max(1e9);
/** A recorded number, or why there is none. */
export const RecordedAmount = z.union([amount, NotRecorded]);
export type RecordedAmount = z.infer<typeof RecordedAmount>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Must be a time written HH:MM (24-hour).' });

/** A weekly time window; `end` before `start` runs past midnight (21:00-06:00). */
export const Schedule = z.strictObject({
  days: z.array(WeekDay).min(1).max(7),
  start: hhmm,
  end: hhmm,
  label: singleLine(120).optional(),
});
export type Schedule = z.infer<typeof Schedule>;
export const RecordedSchedules = z.union([z.array(Schedule).max(50), NotRecorded]);
export type RecordedSchedules = z.infer<typeof RecordedSchedules>;

export const infoSources = ['self_reported', 'verified', 'third_party', 'assessment'] as const;

// ---------------------------------------------------------------------------------------------
// The matching profile: what later code derives from the case and the interview.

export const RiskAssessment = z.strictObject({
  instrument: singleLine(120),
  date: isoDate,
  result: RiskLevel,
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;

export const RecordedNeed = z.strictObject({
  need: Need,
  source: z.enum(infoSources),
  note: singleLine(300).optional(),
});
export type RecordedNeed = z.infer<typeof RecordedNeed>;

export const VictimViews = z.enum(['willing', 'unwilling', 'no_identifiable_victim', 'unknown', 'declined']);

export const MatchingProfile = z.strictObject({
  // Case facts
  stage: Stage,
  ageAtOffence: z.number().int().min(18).max(130),
  ageAtReport: z.number().int().min(18).max(130),
  gender: Gender,
  /** True for a woman (recorded gender female, or a self-description as a woman): Bangkok Rules apply. */
  isWoman: z.boolean(),
  /** 18 to the jurisdiction's upper limit (domain/rules/facts.ts assessAge). */
  isYoungAdult: z.boolean(),
  preferredLanguage: languageTag,
  charges: z.array(singleLine(300)).max(100),
  offenceCategories: z.array(OffenceCategory).max(offenceCategories.length),
  /** `not_guilty` when any charge is denied, `guilty` when every charge is admitted, else `not_entered`. */
  plea: Plea,
  /** The highest seriousness recorded on a charge; `unknown` when no charge has one. */
  offenceSeriousness: z.union([Seriousness, z.literal('unknown')]),
  /** Previous convictions in a category of a current charge (a third drink-drive has 2). */
  previousSimilarConvictions: RecordedAmount,
  // Finances
  monthlyIncome: RecordedAmount,
  monthlyOutgoings: RecordedAmount,
  /** The officer's own finding on ability to pay a fine or costs. */
  ableToPay: Answer,
  /** How the officer found the person could pay: at once, in instalments, or not without hardship. */
  paymentMode: z.enum(['lump_sum', 'instalments', 'unable', 'unknown', 'declined']),
  /** The amount the person can pay each month, when paying in instalments. */
  affordableMonthly: RecordedAmount,
  /** All recorded income is benefits (no financial surety: working paper para 21). */
  benefitsOnly: Answer,
  // Home
  stableSafeHome: Answer,
  noFixedAbode: Answer,
  domesticAbuseInHousehold: Answer,
  // Time and dependants
  workingHours: RecordedSchedules,
  childcareResponsibilities: Answer,
  childcareTimes: RecordedSchedules,
  primaryCaregiver: Answer,
  pregnant: Answer,
  breastfeeding: Answer,
  dependants: RecordedAmount,
  // Assessment
  risk: z.union([RiskAssessment, z.literal('not_assessed')]),
  consents: z.strictObject({
    community_service: Answer,
    treatment: Answer,
    restorative_justice: Answer,
    electronic_monitoring: Answer,
  }),
  fitForUnpaidWork: Answer,
  literacy: z.enum(['adequate', 'limited', 'unknown', 'declined']),
  /** Acknowledges the basic facts of the offence (needed for restorative justice and some diversion). */
  acknowledgesBasicFacts: Answer,
  needs: z.array(RecordedNeed).max(100),
  victimViewsOnRestorative: VictimViews,
  /** The jurisdiction's rules for options (measures per stage, currency, affordability); null when it sets none. */
  jurisdiction: JurisdictionOptions.nullable(),
});
export type MatchingProfile = z.infer<typeof MatchingProfile>;

// ---------------------------------------------------------------------------------------------
// Facts: the variables catalogue rules may read. A rule naming anything else is refused at load.

export const factNames = [
  'stage',
  'ageAtOffence',
  'ageAtReport',
  'gender',
  'isWoman',
  'isYoungAdult',
  'offenceCategories',
  'offenceSeriousness',
  'previousSimilarConvictions',
  'plea',
  'monthlyIncome',
  'monthlyOutgoings',
  'disposableIncome',
  'ableToPay',
  'benefitsOnly',
  // The one affordability calculation (domain/options/affordability.ts): its verdict, why, and amounts.
  'affordable',
  'affordability',
  'payableMonthly',
  'minimumPayment',
  'dayFineUnit',
  'stableSafeHome',
  'noFixedAbode',
  'domesticAbuseInHousehold',
  'hasWorkingHours',
  'childcareResponsibilities',
  'primaryCaregiver',
  'pregnant',
  'breastfeeding',
  'dependants',
  'riskLevel',
  'riskInstrument',
  'riskDate',
  'consentCommunityService',
  'consentTreatment',
  'consentRestorativeJustice',
  'consentElectronicMonitoring',
  'fitForUnpaidWork',
  'literacy',
  'acknowledgesBasicFacts',
  'needs',
  'victimViewsOnRestorative',
  // Per option: its name, the needs it addresses, and how many of them are recorded for the person.
  'option',
  'optionNeeds',
  'needsAddressed',
] as const;
export type FactName = (typeof factNames)[number];

/** How a fact is named in English when it is cited as not recorded. */
export const factLabels: Record<FactName, string> = {
  stage: 'stage',
  ageAtOffence: 'age at the offence',
  ageAtReport: 'age at the report',
  gender: 'gender',
  isWoman: 'whether the person is a woman',
  isYoungAdult: 'whether the person is a young adult',
  offenceCategories: 'offence categories',
  offenceSeriousness: 'the seriousness of the offence',
  previousSimilarConvictions: 'previous convictions for similar offences',
  plea: 'the plea',
  monthlyIncome: 'monthly income',
  monthlyOutgoings: 'monthly outgoings',
  disposableIncome: 'monthly income after outgoings',
  ableToPay: 'ability to pay',
  benefitsOnly: 'whether all income is benefits',
  affordable: 'whether the person can afford to pay',
  affordability: 'whether the person can afford to pay',
  payableMonthly: 'the amount the person can pay each month',
  minimumPayment: "the jurisdiction's smallest monthly payment",
  dayFineUnit: 'the day-fine unit',
  stableSafeHome: 'a stable and safe home',
  noFixedAbode: 'whether the person has a fixed abode',
  domesticAbuseInHousehold: 'domestic abuse in the household',
  hasWorkingHours: 'working hours',
  childcareResponsibilities: 'childcare responsibilities',
  primaryCaregiver: 'whether the person is a primary caregiver',
  pregnant: 'pregnancy',
  breastfeeding: 'breastfeeding',
  dependants: 'number of dependants',
  riskLevel: 'a structured risk assessment',
  // The three risk facts come and go together; one label keeps "not recorded" lists short.
  riskInstrument: 'a structured risk assessment',
  riskDate: 'a structured risk assessment',
  consentCommunityService: 'consent to community service',
  consentTreatment: 'consent to treatment',
  consentRestorativeJustice: 'consent to restorative justice',
  consentElectronicMonitoring: 'consent to electronic monitoring',
  fitForUnpaidWork: 'fitness for unpaid work',
  literacy: 'literacy',
  acknowledgesBasicFacts: 'acknowledgement of the basic facts',
  needs: 'recorded needs',
  victimViewsOnRestorative: "the victim's view on restorative justice",
  option: 'option',
  optionNeeds: 'needs the option addresses',
  needsAddressed: 'recorded needs the option addresses',
};

// ---------------------------------------------------------------------------------------------
// The catalogue (templates/options/*.json)

const slug = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, { message: 'Must be lower case letters, digits, _ and dots, such as "sentencing.fine".' });
export const OptionId = slug.max(80);
export const RuleId = slug.max(80);

/** One text per language; English must be there (the fallback for every other language). */
export const Localised = z
  .record(languageTag, singleLine(600))
  .refine((r) => typeof r.en === 'string', { message: 'An English text ("en") is required.', params: { key: 'validation.englishRequired' } });
export type Localised = z.infer<typeof Localised>;

/** A JSON Logic expression (jsonlogic.com); operators and variables are checked at load. */
export const JsonLogic = z.json();

/**
 * An eligibility rule. `failsWhen` is the JSON Logic condition that raises the problem.
 * Outcome mapping, per rule:
 *  - every fact it reads (in `failsWhen` or cited in its messages) is recorded and `failsWhen` is
 *    true  -> `failed`: the option is `not_suitable` when `severity` is `not_suitable`, else
 *    `suitable_with_concerns`;
 *  - every fact recorded and `failsWhen` false -> `met`: no effect on the status;
 *  - some fact not recorded or declined -> `unknown`: at worst `suitable_with_concerns` ("not
 *    recorded: ..."), never a refusal and never a pass.
 * An option's status is the worst of its rules' effects. Messages cite facts as {{factName}}.
 */
export const Rule = z.strictObject({
  id: RuleId,
  failsWhen: JsonLogic,
  severity: z.enum(['not_suitable', 'concern']),
  failed: Localised,
  met: Localised,
});
export type Rule = z.infer<typeof Rule>;

export const OptionWording = z.strictObject({
  name: singleLine(120),
  summary: singleLine(600),
  /** The paragraph the report carries when the option is proposed. */
  report: singleLine(1200),
});
export type OptionWording = z.infer<typeof OptionWording>;

export const CatalogueOption = z.strictObject({
  id: OptionId,
  group: OptionGroup,
  /** What a local programme refers to; one option per kind. */
  kind: slug.max(60),
  /** 1 is the least restrictive; ordering follows it (para 15, Tokyo Rules 8.2). */
  restrictiveness: z.number().int().min(1).max(100),
  needs: z.array(Need).max(needs.length),
  /** It places obligations on the person (counted against the risk level: net-widening, para 33). */
  imposesRequirements: z.boolean(),
  /** It involves paying money (checked against ability to pay). */
  financial: z.boolean(),
  /** Only as an aid to one of these kinds, never alone (electronic monitoring, para 32). */
  onlyWith: z.array(slug.max(60)).max(20).optional(),
  /** Rule ids from the rule library, or rules written here for this option alone. */
  rules: z.array(z.union([RuleId, Rule])).max(40),
  wording: z.record(languageTag, OptionWording).refine((r) => r.en !== undefined, { message: 'English wording ("en") is required.' }),
});
export type CatalogueOption = z.infer<typeof CatalogueOption>;

export const OptionsFile = z.strictObject({
  format: z.literal('psr-options'),
  formatVersion: z.literal(1),
  options: z.array(CatalogueOption).max(2000),
});
export type OptionsFile = z.infer<typeof OptionsFile>;

export const RulesFile = z.strictObject({
  format: z.literal('psr-option-rules'),
  formatVersion: z.literal(1),
  rules: z.array(Rule).max(2000),
});
export type RulesFile = z.infer<typeof RulesFile>;

const limitCount = z.number().int().min(0).max(50);

/**
 * Who an option is pulled forward for: a young adult (diversion preferred, working paper para 18)
 * or a woman (gender-specific provision, Bangkok Rules). An option matches by group or kind, a
 * local programme also by whom it is for (any one of these is enough); only options whose status is
 * listed are pulled forward, those of an earlier rule before those of a later one.
 */
export const PriorityRule = z.strictObject({
  id: slug.max(60),
  person: z.enum(['young_adult', 'woman']),
  groups: z.array(OptionGroup).max(optionGroups.length).optional(),
  kinds: z.array(slug.max(60)).max(100).optional(),
  programmesFor: z.enum(['young_adults', 'women']).optional(),
  statuses: z.array(z.enum(['suitable', 'suitable_with_concerns', 'not_suitable'])).min(1).max(3),
});
export type PriorityRule = z.infer<typeof PriorityRule>;

export const orderingKeys = ['priority', 'restrictiveness', 'needsAddressed', 'catalogueFirst', 'name'] as const;
/** How the options list is ordered: the keys in turn (ties go to the next key), then the option id. */
export const Ordering = z.strictObject({
  keys: z.array(z.enum(orderingKeys)).min(1).max(orderingKeys.length),
  priority: z.array(PriorityRule).max(50),
});
export type Ordering = z.infer<typeof Ordering>;
export const OptionSettings = z.strictObject({
  format: z.literal('psr-option-settings'),
  formatVersion: z.literal(1),
  /** Most requirements (conditions plus demanding options) a proposal should carry per risk level. */
  maxRequirements: z.strictObject({ low: limitCount, medium: limitCount, high: limitCount }),
  ordering: Ordering,
});
export type OptionSettings = z.infer<typeof OptionSettings>;

/** A pattern's length limit: a language that writes prefixes onto words (Arabic) needs long alternations. */
const PATTERN_MAX = 4000;

export const VagueTerm = z
  .strictObject({
    /** A phrase matched on word boundaries, case and spacing ignored... */
    phrase: singleLine(120).optional(),
    /** ...or a regular expression (case-insensitive) for variants ("drink(ing)? to excess"). */
    pattern: singleLine(PATTERN_MAX).optional(),
    why: singleLine(300),
    suggestion: singleLine(300),
  })
  .refine((t) => (t.phrase === undefined) !== (t.pattern === undefined), { message: 'Give either a phrase or a pattern, not both.' });
export type VagueTerm = z.infer<typeof VagueTerm>;

const patterns = z.array(singleLine(PATTERN_MAX)).min(1).max(100);

/**
 * How conditions are read in one language (templates/options/conditions.<lang>.json): vague terms,
 * the wording of a time limit or a review, and day names for schedules such as "21:00-06:00,
 * Monday to Friday". Patterns are case-insensitive regular expressions, compiled at load.
 */
export const ConditionLanguageFile = z.strictObject({
  format: z.literal('psr-condition-language'),
  formatVersion: z.literal(1),
  language: languageTag,
  vagueTerms: z.array(VagueTerm).min(1).max(500),
  timeLimitPatterns: patterns,
  reviewPatterns: patterns,
  days: z.strictObject({
    mon: z.array(singleLine(40)).min(1),
    tue: z.array(singleLine(40)).min(1),
    wed: z.array(singleLine(40)).min(1),
    thu: z.array(singleLine(40)).min(1),
    fri: z.array(singleLine(40)).min(1),
    sat: z.array(singleLine(40)).min(1),
    sun: z.array(singleLine(40)).min(1),
  }),
  everyDay: z.array(singleLine(40)).min(1),
  weekdays: z.array(singleLine(40)).min(1),
  weekends: z.array(singleLine(40)).min(1),
  /** Words joining a range of days or times: "to", "until", "-". */
  rangeWords: z.array(singleLine(20)).min(1),
});
export type ConditionLanguageFile = z.infer<typeof ConditionLanguageFile>;

// ---------------------------------------------------------------------------------------------
// Local programmes (added by the service; stored in SQLite by the programmes repository)

export const ProgrammeDetails = z.strictObject({
  name: singleLine(OPTION_NAME_MAX),
  provider: singleLine(200),
  /** The catalogue option kind it delivers; it inherits that option's rules and restrictiveness. */
  kind: slug.max(60),
  needs: z.array(Need).max(needs.length),
  eligibility: z.strictObject({
    minAge: z.number().int().min(18).max(130).optional(),
    maxAge: z.number().int().min(18).max(130).optional(),
    genderSpecific: z.enum(['women', 'men']).optional(),
    youngAdultOnly: z.boolean(),
    excludedOffences: z.array(OffenceCategory).max(offenceCategories.length),
    consentRequired: z.array(ConsentKind).max(consentKinds.length),
    /** Risk levels the provider accepts; empty means any. */
    riskLevels: z.array(RiskLevel).max(3),
    /** Further conditions in the catalogue's rule language: rule ids from the library or rules written here. */
    rules: z.array(z.union([RuleId, Rule])).max(40).optional(),
  }),
  location: singleLine(300),
  capacity: z.strictObject({
    places: z.number().int().min(0).max(100_000).optional(),
    waitingWeeks: z.number().int().min(0).max(520).optional(),
  }),
  /** What the person pays, if anything. */
  cost: z.strictObject({ amount, period: z.enum(['once', 'weekly', 'monthly']) }).optional(),
  contact: z.strictObject({
    name: singleLine(200).optional(),
    phone: singleLine(60).optional(),
    email: z.email().max(320).optional(),
    address: singleLine(300).optional(),
  }),
  languages: z.array(languageTag).min(1).max(50),
  retired: z.boolean(),
});
export type ProgrammeDetails = z.infer<typeof ProgrammeDetails>;

export const Programme = z.strictObject({ id: entityId, ...ProgrammeDetails.shape });
export type Programme = z.infer<typeof Programme>;

// ---------------------------------------------------------------------------------------------
// The proposal

export const OptionRef = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('option'), id: OptionId }),
  z.strictObject({ type: z.literal('programme'), id: entityId }),
]);
export type OptionRef = z.infer<typeof OptionRef>;

export const Duration = z.strictObject({
  amount: z.number().int().min(1).max(1000),
  unit: z.enum(['days', 'weeks', 'months']),
});
export type Duration = z.infer<typeof Duration>;

export const ConditionId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'Must be 1-40 letters, digits, _ or -.' });

export const ProposedCondition = z.strictObject({
  /** Stable while the officer edits, so acknowledgements stay attached to their condition. */
  id: ConditionId,
  text: multiLine(CONDITION_TEXT_MAX).refine((s) => s.trim().length > 0, { message: 'Required.', params: { key: 'validation.required' } }),
  link: z
    .strictObject({
      need: Need.optional(),
      /** The assessed risk the condition manages, in words ("contact with the victim"). */
      risk: singleLine(CONDITION_RISK_MAX).optional(),
    })
    .optional(),
  endDate: isoDate.optional(),
  duration: Duration.optional(),
  review: z.strictObject({ date: isoDate.optional(), after: Duration.optional() }).optional(),
  schedule: z.array(Schedule).max(20).optional(),
  cost: z.strictObject({ amount, period: z.enum(['once', 'weekly', 'monthly']) }).optional(),
});
export type ProposedCondition = z.infer<typeof ProposedCondition>;

export const Acknowledgement = z.strictObject({
  checkId: z.string().min(1).max(200),
  reason: singleLine(ACKNOWLEDGEMENT_REASON_MAX),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const Proposal = z
  .strictObject({
    selected: z.array(OptionRef).min(1, { message: 'Select at least one option.' }).max(PROPOSAL_OPTIONS_MAX),
    rationale: multiLine(RATIONALE_MAX).refine((s) => s.trim().length > 0, { message: 'A rationale is required.', params: { key: 'validation.required' } }),
    alternatives: z
      .array(
        z.strictObject({
          ref: OptionRef.optional(),
          description: singleLine(ALTERNATIVE_DESCRIPTION_MAX).optional(),
          reasonSetAside: multiLine(REASON_SET_ASIDE_MAX).refine((s) => s.trim().length > 0, { message: 'Say why it was set aside.' }),
        }),
      )
      .max(ALTERNATIVES_MAX),
    conditions: z.array(ProposedCondition).max(CONDITIONS_MAX),
    acknowledgements: z.array(Acknowledgement).max(200),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.conditions.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['conditions', i, 'id'], message: `Duplicate condition id "${c.id}".` });
      seen.add(c.id);
    });
  });
export type Proposal = z.infer<typeof Proposal>;

// ---------------------------------------------------------------------------------------------
// Results (what the matcher and the condition checks return)

export const Status = z.enum(['suitable', 'suitable_with_concerns', 'not_suitable']);
export type Status = z.infer<typeof Status>;

const params = z.record(z.string(), z.union([z.string(), z.number()]));

export const Reason = z.strictObject({
  /** A catalogue rule id, or a built-in check such as "stage" or "programme.age". */
  ruleId: z.string(),
  outcome: z.enum(['met', 'failed', 'unknown']),
  effect: Status,
  key: z.string(),
  params,
  message: z.string(),
});
export type Reason = z.infer<typeof Reason>;

export const MatchItem = z.strictObject({
  ref: OptionRef,
  optionId: OptionId,
  kind: z.string(),
  group: OptionGroup,
  name: z.string(),
  provider: z.string().optional(),
  restrictiveness: z.number().int(),
  status: Status,
  reasons: z.array(Reason),
  /** The person's recorded needs this option addresses. */
  needsAddressed: z.array(Need),
  /** Gender-specific or young-adult programme that fits this person: listed first within its rank. */
  prioritised: z.boolean(),
});
export type MatchItem = z.infer<typeof MatchItem>;

export const MatchNote = z.strictObject({
  key: z.string(),
  params,
  message: z.string(),
});
export type MatchNote = z.infer<typeof MatchNote>;

export const MatchResult = z.strictObject({
  items: z.array(MatchItem),
  notes: z.array(MatchNote),
});
export type MatchResult = z.infer<typeof MatchResult>;

export const checkTypes = [
  'vague_term',
  'no_end_or_review',
  'not_linked',
  'schedule_clash',
  'schedule_unverified',
  'too_many_requirements',
  'unaffordable',
  'aid_only',
  'unknown_selection',
] as const;

export const ConditionCheck = z.strictObject({
  /** Stable id ("vague_term:c1"): what an acknowledgement refers to. */
  id: z.string(),
  type: z.enum(checkTypes),
  conditionId: ConditionId.optional(),
  key: z.string(),
  params,
  message: z.string(),
  acknowledged: z.strictObject({ reason: z.string() }).optional(),
});
export type ConditionCheck = z.infer<typeof ConditionCheck>;

export const ConditionReport = z.strictObject({
  checks: z.array(ConditionCheck),
  /** Checks not yet acknowledged. */
  open: z.number().int(),
  /** Acknowledgements whose check no longer arises (the condition was rewritten): kept, shown apart. */
  staleAcknowledgements: z.array(Acknowledgement),
});
export type ConditionReport = z.infer<typeof ConditionReport>;
