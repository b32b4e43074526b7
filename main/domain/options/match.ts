import {
  factLabels,
  groupsForStage,
  type orderingKeys,
  type FactName,
  type MatchingProfile,
  type MatchItem,
  type MatchNote,
  type MatchResult,
  type PriorityRule,
  type Programme,
  type Proposal,
  type Reason,
  type Status,
} from '../../contract/options';
import type { Catalogue, CompiledOption, CompiledRule } from './catalogue';
import { evaluateRule as evaluateLogic } from '../rules/evaluate';
import { recordedNeeds, type FactTable } from '../rules/facts';
import type { RuleValue } from '../rules/validate';
import { affordability, money } from './affordability';
import { explainMissing, optionFacts } from './optionFacts';
import { programmeRules } from './programmeRules';
import { formatFact, pick, render, words } from './text';
import { countRequirements } from './requirements';

// Needs-based matching: every catalogue option and local programme gets a status with
// the facts that decided it. Pure and deterministic: the order of the catalogue or programme list
// never changes the result.

const RANK: Record<Status, number> = { suitable: 0, suitable_with_concerns: 1, not_suitable: 2 };
const worst = (a: Status, b: Status): Status => (RANK[b] > RANK[a] ? b : a);

export interface MatchOptions {
  /** Messages in this language where the catalogue has them; English otherwise. */
  language?: string;
  /** The proposal being drafted, for the net-widening warning. */
  proposal?: Proposal;
}

interface Subject {
  name: string;
  needs: readonly string[];
}

function needsAddressed(subjectNeeds: readonly string[], recorded: ReadonlySet<string>): string[] {
  return [...new Set(subjectNeeds)].filter((n) => recorded.has(n)).sort();
}

// Facts that differ from option to option; a rule reading none of them has one verdict per person.
const PER_OPTION = new Set<FactName>(['option', 'optionNeeds', 'needsAddressed']);

/** The JSON Logic verdict, computed once per person for rules that do not read per-option facts. */
function verdict(c: CompiledRule, data: Record<string, unknown>, cache: Map<string, boolean>): boolean {
  const shared = !c.reads.some((f) => PER_OPTION.has(f));
  if (shared) {
    const known = cache.get(c.rule.id);
    if (known !== undefined) return known;
  }
  // Only evaluated once every fact it reads is recorded (see evaluateRule below), so 'null' suffices.
  const failed = evaluateLogic(c.rule.failsWhen as RuleValue, data, { unknown: 'null' });
  if (shared) cache.set(c.rule.id, failed);
  return failed;
}

interface Caches {
  verdicts: Map<string, boolean>;
  /** Person facts as cited in messages, formatted once per match. */
  formatted: Map<FactName, string | number>;
}

function evaluateRule(c: CompiledRule, data: Record<string, unknown>, facts: FactTable, language: string, caches: Caches): Reason {
  const notRecorded = c.reads.filter((f) => facts.missing.has(f));
  const missing = notRecorded.length === 0 ? notRecorded : explainMissing(notRecorded, facts);
  if (missing.length > 0) {
    const declined = missing.filter((f) => facts.missing.get(f) === 'declined');
    const unknown = missing.filter((f) => facts.missing.get(f) !== 'declined');
    const list = (fs: FactName[]) => [...new Set(fs.map((f) => factLabels[f]))].join(', ');
    // Params name the facts by id, one per label (the three risk facts read as one).
    const ids = (fs: FactName[]) => [...new Map(fs.map((f) => [factLabels[f], f])).values()].join(',');
    const parts = [
      unknown.length ? `not recorded: ${list(unknown)}` : '',
      declined.length ? `the person declined to say: ${list(declined)} (declining is never counted against them)` : '',
    ].filter(Boolean);
    return {
      ruleId: c.rule.id,
      outcome: 'unknown',
      effect: 'suitable_with_concerns',
      key: declined.length ? (unknown.length ? 'options.factsDeclinedAndNotRecorded' : 'options.factsDeclined') : 'options.factsNotRecorded',
      params: { option: String(data.option), unknown: ids(unknown), declined: ids(declined) },
      message: `${String(data.option)}: suitable only with concerns until it is known (${parts.join('; ')}).`,
    };
  }
  const failed = verdict(c, data, caches.verdicts);
  const params: Record<string, string | number> = {};
  for (const f of c.reads) {
    if (PER_OPTION.has(f)) params[f] = formatFact(data[f], f, language);
    else {
      let v = caches.formatted.get(f);
      if (v === undefined) caches.formatted.set(f, (v = formatFact(data[f], f, language)));
      params[f] = v;
    }
  }
  const outcome = failed ? 'failed' : 'met';
  return {
    ruleId: c.rule.id,
    outcome,
    effect: failed ? (c.rule.severity === 'not_suitable' ? 'not_suitable' : 'suitable_with_concerns') : 'suitable',
    key: `options.rules.${c.rule.id}.${outcome}`,
    params,
    message: render(pick(failed ? c.rule.failed : c.rule.met, language), params),
  };
}

/** Whether a measure exists at the case's stage: the presumption of innocence first, then the jurisdiction's list. */
function availableAtStage(group: string, kind: string, profile: MatchingProfile): boolean {
  if (!groupsForStage[profile.stage].includes(group as never)) return false;
  const measures = profile.jurisdiction?.measures[profile.stage];
  if (measures === undefined) return true;
  let set = measureSets.get(measures);
  if (!set) measureSets.set(measures, (set = new Set(measures)));
  return set.has(kind);
}
const measureSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function evaluate(
  c: CompiledOption,
  subject: Subject,
  facts: FactTable,
  recorded: ReadonlySet<string>,
  language: string,
  caches: Caches,
  extra: readonly CompiledRule[] = [],
): { reasons: Reason[]; addressed: string[] } {
  const addressed = needsAddressed(subject.needs, recorded);
  // The per-option facts sit on top of the person's facts without copying them.
  const data = Object.assign(Object.create(facts.values) as Record<string, unknown>, {
    option: subject.name,
    optionNeeds: [...subject.needs].sort(),
    needsAddressed: addressed.length,
  });
  const reasons: Reason[] = [];
  for (const rule of c.rules) reasons.push(evaluateRule(rule, data, facts, language, caches));
  for (const rule of extra) reasons.push(evaluateRule(rule, data, facts, language, caches));
  return { reasons, addressed };
}

function programmeReasons(p: Programme, profile: MatchingProfile): Reason[] {
  const out: Reason[] = [];
  // Only problems are listed for a programme's own eligibility; `unknown` marks a fact not recorded.
  const add = (ruleId: string, effect: Status, params: Record<string, string | number>, message: string, outcome: Reason['outcome'] = 'failed') =>
    out.push({ ruleId, outcome, effect, key: `options.${ruleId}${outcome === 'unknown' ? '_unknown' : ''}`, params, message });
  const e = p.eligibility;
  const name = p.name;
  if (p.retired) add('programme.retired', 'not_suitable', { option: name }, `Not suitable: ${name} is retired and no longer takes referrals.`);
  const age = profile.ageAtReport;
  if ((e.minAge !== undefined && age < e.minAge) || (e.maxAge !== undefined && age > e.maxAge)) {
    const range = `${e.minAge ?? 18}-${e.maxAge ?? 'any age'}`;
    const ages: Record<string, string | number> = e.maxAge === undefined ? { minAge: e.minAge ?? 18, context: 'from' } : { minAge: e.minAge ?? 18, maxAge: e.maxAge };
    add('programme.age', 'not_suitable', { option: name, ...ages, ageAtReport: age }, `Not suitable: ${name} takes people aged ${range}; age at the report is ${age}.`);
  }
  if (e.genderSpecific === 'women' && !profile.isWoman) {
    if (profile.gender === 'not_stated') add('programme.gender', 'suitable_with_concerns', { option: name, for: 'women' }, `${name} is for women; the person's gender is not stated.`, 'unknown');
    else add('programme.gender', 'not_suitable', { option: name, for: 'women' }, `Not suitable: ${name} is a programme for women.`);
  }
  if (e.genderSpecific === 'men' && (profile.isWoman || profile.gender !== 'male')) {
    if (profile.gender === 'not_stated') add('programme.gender', 'suitable_with_concerns', { option: name, for: 'men' }, `${name} is for men; the person's gender is not stated.`, 'unknown');
    else add('programme.gender', 'not_suitable', { option: name, for: 'men' }, `Not suitable: ${name} is a programme for men.`);
  }
  if (e.youngAdultOnly && !profile.isYoungAdult) {
    add('programme.youngAdult', 'not_suitable', { option: name, ageAtReport: age }, `Not suitable: ${name} is for young adults; age at the report is ${age}.`);
  }
  const excluded = e.excludedOffences.filter((o) => profile.offenceCategories.includes(o)).sort();
  if (excluded.length) {
    const list = excluded.map(words).join(', ');
    add('programme.offence', 'not_suitable', { option: name, offences: excluded.join(',') }, `Not suitable: ${name} excludes ${list} offences, and the charges include them.`);
  }
  for (const kind of [...e.consentRequired].sort()) {
    const answer = profile.consents[kind];
    const what = `consent to ${words(kind)}`;
    if (answer === 'no') add('programme.consent', 'not_suitable', { option: name, consent: kind }, `Not suitable: ${name} needs ${what}, and the person has not given it.`);
    else if (answer !== 'yes') add('programme.consent', 'suitable_with_concerns', { option: name, consent: kind, ...(answer === 'declined' ? { context: 'declined' } : {}) }, `${name} needs ${what}, which is ${answer === 'declined' ? 'not given: the person declined to say' : 'not recorded'}.`, 'unknown');
  }
  if (e.riskLevels.length > 0) {
    // A score informs and never decides (docs/DOMAIN.md section 3): outside the provider's range is a concern.
    if (profile.risk === 'not_assessed') add('programme.risk', 'suitable_with_concerns', { option: name, levels: e.riskLevels.join(',') }, `${name} takes people assessed at ${e.riskLevels.join(', ')} risk; no structured risk assessment is recorded.`, 'unknown');
    else if (!e.riskLevels.includes(profile.risk.result)) {
      const r = profile.risk;
      add('programme.risk', 'suitable_with_concerns', { option: name, levels: e.riskLevels.join(','), riskLevel: r.result, riskInstrument: r.instrument, riskDate: r.date }, `${name} takes people assessed at ${e.riskLevels.join(', ')} risk; ${r.instrument} on ${r.date} gave ${r.result}. Check with the provider.`);
    }
  }
  if (p.capacity.places === 0) add('programme.capacity', 'suitable_with_concerns', { option: name, ...(p.capacity.waitingWeeks !== undefined ? { count: p.capacity.waitingWeeks, context: 'waiting' } : {}) }, `${name} has no places now${p.capacity.waitingWeeks !== undefined ? `; the wait is about ${p.capacity.waitingWeeks} weeks` : ''}.`);
  const lang = profile.preferredLanguage;
  if (!p.languages.some((l) => l === lang || l.split('-')[0] === lang.split('-')[0])) {
    add('programme.language', 'suitable_with_concerns', { option: name, language: lang, languages: p.languages.join(', ') }, `${name} is delivered in ${p.languages.join(', ')}; the person's preferred language is ${lang}: an interpreter would be needed.`);
  }
  if (p.cost && p.cost.amount > 0) {
    // The same calculation as every money option: what the person can pay a month against the fee.
    const a = affordability(profile);
    const cost = money(p.cost.amount, a.currency);
    const perMonth = p.cost.period === 'weekly' ? (p.cost.amount * 52) / 12 : p.cost.amount;
    const payable = a.payableMonthly ?? 0;
    if (a.affordable === 'no' || ((a.affordable === 'yes') && p.cost.period !== 'once' && perMonth > payable)) {
      add('programme.cost', 'not_suitable', { option: name, cost, period: p.cost.period, payableMonthly: money(payable, a.currency) }, `Not suitable: ${name} costs ${cost} (${p.cost.period}) and the person can pay ${money(payable, a.currency)} a month.`);
    } else if (a.affordable !== 'yes') add('programme.cost', 'suitable_with_concerns', { option: name, cost, period: p.cost.period }, `${name} costs ${cost} (${p.cost.period}); what the person can afford is not recorded.`, 'unknown');
  }
  return out;
}

type Compare = (a: MatchItem, b: MatchItem) => number;
/** The index of the priority rule that pulled an item forward (earlier rules first). */
const priorityRank = new WeakMap<MatchItem, number>();
const BY: Record<(typeof orderingKeys)[number], Compare> = {
  priority: (a, b) => (priorityRank.get(a) ?? Infinity) - (priorityRank.get(b) ?? Infinity) || 0,
  restrictiveness: (a, b) => a.restrictiveness - b.restrictiveness,
  needsAddressed: (a, b) => b.needsAddressed.length - a.needsAddressed.length,
  catalogueFirst: (a, b) => (a.ref.type === b.ref.type ? 0 : a.ref.type === 'option' ? -1 : 1),
  name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
};

/** The order the catalogue's settings name; the reference id settles any tie, so input order never shows. */
function comparer(keys: readonly string[]): Compare {
  const steps = keys.map((k) => BY[k as (typeof orderingKeys)[number]]);
  return (a, b) => {
    for (const step of steps) {
      const d = step(a, b);
      if (d !== 0) return d;
    }
    return a.ref.id < b.ref.id ? -1 : a.ref.id > b.ref.id ? 1 : 0;
  };
}

/** Whether a priority rule in the catalogue's settings pulls this item forward for this person. */
function prioritisedBy(rules: readonly PriorityRule[], item: Pick<MatchItem, 'group' | 'kind' | 'status'>, profile: MatchingProfile, programme?: Programme): number {
  return rules.findIndex((r) => {
    if (r.person === 'young_adult' ? !profile.isYoungAdult : !profile.isWoman) return false;
    if (!r.statuses.includes(item.status)) return false;
    const e = programme?.eligibility;
    const forWhom = r.programmesFor !== undefined && e !== undefined && (r.programmesFor === 'women' ? e.genderSpecific === 'women' : e.youngAdultOnly);
    return forWhom || (r.groups?.includes(item.group) ?? false) || (r.kinds?.includes(item.kind) ?? false);
  });
}

function notes(catalogue: Catalogue, programmes: readonly Programme[], profile: MatchingProfile, proposal: Proposal | undefined, notOffered: number): MatchNote[] {
  const out: MatchNote[] = [];
  if (notOffered > 0) {
    out.push({
      key: 'options.note.notAtStage',
      params: { count: notOffered, stage: profile.stage },
      message: `${notOffered} measures of the catalogue do not exist at this stage in this jurisdiction and are not listed.`,
    });
  }
  if (profile.noFixedAbode === 'yes') {
    out.push({ key: 'options.note.noFixedAbode', params: {}, message: 'No fixed abode is recorded: housing support is a need, and measures that need an address (curfew, house arrest, residence conditions) are not suitable until there is one.' });
  }
  const yes = (a: string) => a === 'yes';
  if (profile.stage === 'pre_trial') {
    out.push({ key: 'options.note.preTrial', params: {}, message: 'Pre-trial stage: only release, alternatives to detention and diversion are considered; the person is presumed innocent.' });
  }
  const why = [yes(profile.pregnant) && 'pregnant', yes(profile.breastfeeding) && 'breastfeeding', yes(profile.primaryCaregiver) && 'a primary caregiver'].filter(Boolean) as string[];
  const whyIds = [yes(profile.pregnant) && 'pregnant', yes(profile.breastfeeding) && 'breastfeeding', yes(profile.primaryCaregiver) && 'primaryCaregiver'].filter(Boolean) as string[];
  if (why.length) {
    out.push({
      key: 'options.note.preferNonCustodial',
      params: { circumstances: whyIds.join(',') },
      message: `The person is recorded as ${why.join(' and ')}: non-custodial options are to be preferred unless the offence is grave or violent (Bangkok Rules 64), and the child's best interests weighed.`,
    });
  } else if (profile.isWoman && [profile.pregnant, profile.primaryCaregiver].every((a) => a === 'unknown' || a === 'declined')) {
    out.push({ key: 'options.note.caregivingNotRecorded', params: {}, message: 'Caregiving and pregnancy are not recorded; for women they weigh on the choice of option (Bangkok Rules 61, 64).' });
  }
  if (profile.isYoungAdult) {
    out.push({ key: 'options.note.youngAdult', params: { ageAtReport: profile.ageAtReport }, message: `Young adult (${profile.ageAtReport} at the report): diversion is the preferred response where appropriate (working paper para 18).` });
  }
  if (proposal && profile.risk !== 'not_assessed' && profile.risk.result === 'low') {
    const count = countRequirements(proposal, catalogue, programmes);
    const limit = catalogue.settings.maxRequirements.low;
    if (count > limit) {
      out.push({
        key: 'options.note.netWidening',
        params: { count, limit, riskInstrument: profile.risk.instrument, riskDate: profile.risk.date },
        message: `Net-widening: the proposal places ${count} requirements on a person assessed at low risk (${profile.risk.instrument}, ${profile.risk.date}); more than ${limit} is heavy supervision, which for low-risk people raises reoffending (working paper para 33).`,
      });
    }
  }
  for (const p of [...programmes].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!catalogue.byKind.has(p.kind)) {
      out.push({ key: 'options.note.programmeKindUnknown', params: { programme: p.name, kind: p.kind }, message: `${p.name} refers to the kind "${p.kind}", which the catalogue does not hold; it is not matched.` });
    }
  }
  return out;
}

function rankPriority(item: MatchItem, rule: number): void {
  if (rule < 0) return;
  item.prioritised = true;
  priorityRank.set(item, rule);
}

/** Matches every catalogue option and local programme against the person, least restrictive first. */
export function matchOptions(catalogue: Catalogue, programmes: readonly Programme[], profile: MatchingProfile, options: MatchOptions = {}): MatchResult {
  const language = options.language ?? 'en';
  const facts = optionFacts(profile, language);
  const recorded = new Set(recordedNeeds(profile));
  const items: MatchItem[] = [];
  const caches: Caches = { verdicts: new Map(), formatted: new Map() };

  const priority = catalogue.settings.ordering.priority;
  let notOffered = 0;
  for (const c of catalogue.options) {
    if (!availableAtStage(c.option.group, c.option.kind, profile)) {
      notOffered += 1;
      continue;
    }
    const name = pick(c.option.wording, language).name;
    const { reasons, addressed } = evaluate(c, { name, needs: c.option.needs }, facts, recorded, language, caches);
    const status = reasons.reduce<Status>((s, r) => worst(s, r.effect), 'suitable');
    items.push({
      ref: { type: 'option', id: c.option.id },
      optionId: c.option.id,
      kind: c.option.kind,
      group: c.option.group,
      name,
      restrictiveness: c.option.restrictiveness,
      status,
      reasons,
      needsAddressed: addressed as MatchItem['needsAddressed'],
      prioritised: false,
    });
    rankPriority(items[items.length - 1]!, prioritisedBy(priority, { group: c.option.group, kind: c.option.kind, status }, profile));
  }

  for (const p of programmes) {
    const c = catalogue.byKind.get(p.kind);
    if (!c) continue; // reported in the notes
    if (!availableAtStage(c.option.group, c.option.kind, profile)) continue;
    const { reasons, addressed } = evaluate(c, { name: p.name, needs: p.needs }, facts, recorded, language, caches, programmeRules(p, catalogue));
    reasons.push(...programmeReasons(p, profile));
    const status = reasons.reduce<Status>((s, r) => worst(s, r.effect), 'suitable');
    items.push({
      ref: { type: 'programme', id: p.id },
      optionId: c.option.id,
      kind: p.kind,
      group: c.option.group,
      name: p.name,
      provider: p.provider,
      restrictiveness: c.option.restrictiveness,
      status,
      reasons,
      needsAddressed: addressed as MatchItem['needsAddressed'],
      prioritised: false,
    });
    rankPriority(items[items.length - 1]!, prioritisedBy(priority, { group: c.option.group, kind: p.kind, status }, profile, p));
  }

  items.sort(comparer(catalogue.settings.ordering.keys));
  return { items, notes: notes(catalogue, programmes, profile, options.proposal, notOffered) };
}
