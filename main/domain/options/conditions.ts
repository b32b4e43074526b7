import type { ConditionCheck, ConditionReport, MatchingProfile, Programme, Proposal, ProposedCondition, Schedule } from '../../contract/options';
import type { Catalogue, ConditionLanguage } from './catalogue';
import { countRequirements } from './requirements';
import { describeSchedule, firstOverlap, parseSchedules } from './schedule';
import { pick, words } from './text';

// Condition checks (docs/DOMAIN.md section 6, working paper para 30), run as the officer types. Each
// check explains itself with the facts; an acknowledged check stays in the list, marked, with the
// officer's reason, so the report's audit shows what was weighed and why.

type Draft = Omit<ConditionCheck, 'acknowledged'>;

const DATE = /\b\d{4}-\d{2}-\d{2}\b/;

function language(catalogue: Catalogue, lang: string): ConditionLanguage {
  return catalogue.languages.get(lang) ?? catalogue.languages.get(lang.split('-')[0]!) ?? catalogue.languages.get('en')!;
}

function vague(c: ProposedCondition, lang: ConditionLanguage): Draft[] {
  const out: Draft[] = [];
  lang.vagueTerms.forEach(({ term, re }) => {
    const m = re.exec(c.text);
    if (!m) return;
    out.push({
      id: `vague_term:${c.id}:${(term.phrase ?? term.pattern!).toLowerCase()}`,
      type: 'vague_term',
      conditionId: c.id,
      key: 'conditions.vagueTerm',
      params: { term: m[0], why: term.why, suggestion: term.suggestion },
      message: `"${m[0]}" is vague: ${term.why} Write instead, for example: ${term.suggestion}`,
    });
  });
  return out;
}

function timeLimited(c: ProposedCondition, lang: ConditionLanguage): Draft[] {
  const hasEnd = c.endDate !== undefined || c.duration !== undefined || DATE.test(c.text) || lang.timeLimit.some((re) => re.test(c.text));
  const hasReview = c.review?.date !== undefined || c.review?.after !== undefined || lang.review.some((re) => re.test(c.text));
  if (hasEnd || hasReview) return [];
  return [
    {
      id: `no_end_or_review:${c.id}`,
      type: 'no_end_or_review',
      conditionId: c.id,
      key: 'conditions.noEndOrReview',
      params: {},
      message: 'No end date, duration or review point: a condition is limited in time, with a point at which it is reviewed (Tokyo Rules 12).',
    },
  ];
}

function linked(c: ProposedCondition, profile: MatchingProfile): Draft[] {
  const recorded = new Set(profile.needs.map((n) => n.need));
  const id = `not_linked:${c.id}`;
  const base = { id, type: 'not_linked' as const, conditionId: c.id };
  if (c.link?.need && recorded.has(c.link.need)) return [];
  if (c.link?.risk && profile.risk !== 'not_assessed') return [];
  if (c.link?.need) {
    return [{ ...base, key: 'conditions.needNotRecorded', params: { need: c.link.need }, message: `Linked to ${words(c.link.need)}, but no ${words(c.link.need)} need is recorded in the assessment.` }];
  }
  if (c.link?.risk) {
    return [{ ...base, key: 'conditions.riskLinkNotAssessed', params: { risk: c.link.risk }, message: `Linked to the risk "${c.link.risk}", but no structured risk assessment is recorded.` }];
  }
  return [{ ...base, key: 'conditions.notLinked', params: {}, message: 'Not linked to a recorded need or an assessed risk: say which one this condition addresses.' }];
}

function clashes(c: ProposedCondition, profile: MatchingProfile, lang: ConditionLanguage): Draft[] {
  const windows: Schedule[] = c.schedule ?? parseSchedules(c.text, lang);
  if (windows.length === 0) return [];
  const out: Draft[] = [];
  const against = [
    ['working hours', profile.workingHours, 'work'],
    ['childcare times', profile.childcareResponsibilities === 'no' ? [] : profile.childcareTimes, 'childcare'],
  ] as const;
  for (const [label, recorded, tag] of against) {
    if (!Array.isArray(recorded)) {
      // Unknown hours are not assumed free: the officer confirms the fit.
      if (tag === 'childcare' && profile.childcareResponsibilities === 'no') continue;
      out.push({
        id: `schedule_unverified:${c.id}:${tag}`,
        type: 'schedule_unverified',
        conditionId: c.id,
        key: 'conditions.scheduleUnverified',
        params: { what: tag, times: JSON.stringify(windows), ...(recorded === 'declined' ? { context: 'declined' } : {}) },
        message: `The condition sets times (${windows.map(describeSchedule).join('; ')}), but ${label} are ${recorded === 'declined' ? 'not given (the person declined to say)' : 'not recorded'}: confirm they fit.`,
      });
      continue;
    }
    const hit = firstOverlap(windows, recorded);
    if (hit) {
      out.push({
        id: `schedule_clash:${c.id}:${tag}`,
        type: 'schedule_clash',
        conditionId: c.id,
        key: 'conditions.scheduleClash',
        params: { what: tag, condition: JSON.stringify([hit.a]), recorded: JSON.stringify([hit.b]), atDay: hit.atDay, atTime: hit.atTime },
        message: `Clashes with the recorded ${label}: the condition's ${describeSchedule(hit.a)} overlaps ${describeSchedule(hit.b)} (first on ${hit.at}).`,
      });
    }
  }
  return out;
}

function monthly(cost: { amount: number; period: 'once' | 'weekly' | 'monthly' }): number {
  return cost.period === 'weekly' ? (cost.amount * 52) / 12 : cost.amount;
}

function affordability(proposal: Proposal, profile: MatchingProfile, catalogue: Catalogue, programmes: readonly Programme[], lang = 'en'): Draft[] {
  const items: Array<{ id: string; what: string; cost?: { amount: number; period: 'once' | 'weekly' | 'monthly' }; conditionId?: string }> = [];
  for (const c of proposal.conditions) if (c.cost && c.cost.amount > 0) items.push({ id: c.id, what: 'this condition', cost: c.cost, conditionId: c.id });
  for (const ref of proposal.selected) {
    if (ref.type === 'option') {
      const o = catalogue.byId.get(ref.id);
      if (o?.option.financial) items.push({ id: ref.id, what: pick(o.option.wording, lang).name });
    } else {
      const p = programmes.find((x) => x.id === ref.id);
      const o = p && catalogue.byKind.get(p.kind);
      if (p && ((p.cost && p.cost.amount > 0) || o?.option.financial)) items.push({ id: ref.id, what: p.name, ...(p.cost && p.cost.amount > 0 ? { cost: p.cost } : {}) });
    }
  }
  const out: Draft[] = [];
  const income = profile.monthlyIncome;
  const outgoings = profile.monthlyOutgoings;
  const disposable = typeof income === 'number' && typeof outgoings === 'number' ? income - outgoings : null;
  for (const item of items) {
    const base = { id: `unaffordable:${item.id}`, type: 'unaffordable' as const, ...(item.conditionId ? { conditionId: item.conditionId } : {}) };
    const costText = item.cost ? ` (${item.cost.amount}, ${item.cost.period})` : '';
    // A condition is named by its context, and a cost travels as a number and a period id.
    const what = { ...(item.conditionId ? {} : { what: item.what }), ...(item.cost ? { cost: item.cost.amount, period: item.cost.period, context: item.conditionId ? 'condition' : 'cost' } : {}) };
    if (profile.ableToPay === 'no') {
      out.push({ ...base, key: 'conditions.unableToPay', params: what, message: `${item.what}${costText} asks for money, and the person is recorded as unable to pay; financial penalties and sureties fall hardest on the poor (working paper para 21).` });
    } else if (disposable !== null && (disposable <= 0 || (item.cost && monthly(item.cost) > disposable))) {
      out.push({
        ...base,
        key: 'conditions.incomeTooLow',
        params: { ...what, monthlyIncome: income as number, monthlyOutgoings: outgoings as number, disposableIncome: disposable },
        message: `${item.what}${costText} is unaffordable: monthly income recorded as ${income as number} against outgoings of ${outgoings as number} leaves ${disposable}.`,
      });
    } else if (profile.ableToPay !== 'yes' && disposable === null) {
      out.push({ ...base, key: 'conditions.abilityToPayNotRecorded', params: what, message: `${item.what}${costText} asks for money, but neither ability to pay nor income and outgoings are recorded.` });
    }
  }
  return out;
}

function proportionality(proposal: Proposal, profile: MatchingProfile, catalogue: Catalogue, programmes: readonly Programme[]): Draft[] {
  const count = countRequirements(proposal, catalogue, programmes);
  const limits = catalogue.settings.maxRequirements;
  const base = { id: 'too_many_requirements', type: 'too_many_requirements' as const };
  if (profile.risk === 'not_assessed') {
    if (count <= limits.low) return [];
    return [{ ...base, key: 'conditions.tooManyUnassessed', params: { count, limit: limits.low }, message: `${count} requirements, but no structured risk assessment is recorded to justify more than ${limits.low}.` }];
  }
  const { result, instrument, date } = profile.risk;
  const limit = limits[result];
  if (count <= limit) return [];
  const params = { count, limit, riskLevel: result, riskInstrument: instrument, riskDate: date };
  if (result === 'low') {
    return [{ ...base, key: 'conditions.netWidening', params, message: `Net-widening: ${count} requirements for a person assessed at low risk (${instrument}, ${date}); at most ${limit} is proportionate. Heavy supervision of low-risk people raises reoffending (working paper para 33).` }];
  }
  return [{ ...base, key: 'conditions.tooMany', params, message: `${count} requirements for a person assessed at ${result} risk (${instrument}, ${date}); at most ${limit} is proportionate.` }];
}

function selections(proposal: Proposal, catalogue: Catalogue, programmes: readonly Programme[], lang = 'en'): Draft[] {
  const out: Draft[] = [];
  const kinds = new Set<string>();
  const resolved = proposal.selected.map((ref) => {
    const option = ref.type === 'option' ? catalogue.byId.get(ref.id) : catalogue.byKind.get(programmes.find((p) => p.id === ref.id)?.kind ?? '');
    if (option) kinds.add(option.option.kind);
    return { ref, option };
  });
  for (const { ref, option } of resolved) {
    if (!option) {
      out.push({ id: `unknown_selection:${ref.id}`, type: 'unknown_selection', key: 'conditions.unknownSelection', params: { id: ref.id, ...(ref.type === 'programme' ? { context: 'programme' } : {}) }, message: `The selected ${ref.type} "${ref.id}" is not in the catalogue or the programmes.` });
      continue;
    }
    const needed = option.option.onlyWith;
    if (needed && !needed.some((k) => kinds.has(k))) {
      const names = needed.map((k) => catalogue.byKind.get(k)?.option.wording.en?.name ?? k).join(' or ');
      // Params name the options in the check's language (the options data has one wording per language).
      const nameIn = (k: string) => {
        const wording = catalogue.byKind.get(k)?.option.wording;
        return wording ? pick(wording, lang).name : k;
      };
      const nameList = needed.map(nameIn).join(',');
      out.push({
        id: `aid_only:${ref.id}`,
        type: 'aid_only',
        key: 'conditions.aidOnly',
        params: { option: pick(option.option.wording, lang).name, with: nameList },
        message: `${option.option.wording.en!.name} is an aid to supervision, never supervision itself (working paper para 32): propose it with ${names}.`,
      });
    }
  }
  return out;
}

/** Every check on a proposal, acknowledged ones marked with their reason. */
export function checkConditions(proposal: Proposal, profile: MatchingProfile, lang: string, catalogue: Catalogue, programmes: readonly Programme[] = []): ConditionReport {
  const l = language(catalogue, lang);
  const drafts: Draft[] = [...selections(proposal, catalogue, programmes, lang)];
  for (const c of proposal.conditions) drafts.push(...vague(c, l), ...timeLimited(c, l), ...linked(c, profile), ...clashes(c, profile, l));
  drafts.push(...affordability(proposal, profile, catalogue, programmes, lang), ...proportionality(proposal, profile, catalogue, programmes));

  const acks = new Map(proposal.acknowledgements.map((a) => [a.checkId, a]));
  const checks: ConditionCheck[] = drafts.map((d) => {
    const ack = acks.get(d.id);
    return ack ? { ...d, acknowledged: { reason: ack.reason } } : d;
  });
  const live = new Set(checks.map((c) => c.id));
  return {
    checks,
    open: checks.filter((c) => !c.acknowledged).length,
    staleAcknowledgements: proposal.acknowledgements.filter((a) => !live.has(a.checkId)),
  };
}
