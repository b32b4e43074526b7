import type { FactName, MatchingProfile } from '../../contract/options';
import { affordability, money } from './affordability';
import { profileFacts, type FactTable } from '../rules';

// The person's facts as the catalogue rules read them: the profile's own facts (facts.ts) plus
// the offence and money facts worked out here. A fact that cannot be worked out is listed as not
// recorded, never guessed.

export function optionFacts(p: MatchingProfile, language = 'en'): FactTable {
  const table = profileFacts(p);
  const put = (name: FactName, v: unknown) => {
    if (v === 'unknown' || v === 'declined') table.missing.set(name, v);
    else table.values[name] = v;
  };
  put('offenceSeriousness', p.offenceSeriousness);
  put('previousSimilarConvictions', p.previousSimilarConvictions);
  put('benefitsOnly', p.benefitsOnly);
  put('plea', p.plea);
  const a = affordability(p);
  const m = (amount: number) => money(amount, a.currency, language);
  put('affordable', a.affordable);
  put('minimumPayment', m(a.minimumPayment));
  if (a.affordable === 'yes' || a.affordable === 'no') {
    put('affordability', a.basis);
    put('payableMonthly', m(a.payableMonthly ?? 0));
    put('dayFineUnit', m(a.dayFineUnit ?? 0));
  } else {
    for (const f of ['affordability', 'payableMonthly', 'dayFineUnit'] as const) put(f, a.affordable);
  }
  return table;
}

/** Facts worked out from others: when one cannot be worked out, the inputs not recorded are what to name. */
const DERIVED: Partial<Record<FactName, readonly FactName[]>> = {
  affordable: ['ableToPay', 'monthlyIncome', 'monthlyOutgoings', 'dependants'],
  affordability: ['ableToPay', 'monthlyIncome', 'monthlyOutgoings', 'dependants'],
  payableMonthly: ['ableToPay', 'monthlyIncome', 'monthlyOutgoings', 'dependants'],
  dayFineUnit: ['ableToPay', 'monthlyIncome', 'monthlyOutgoings', 'dependants'],
};

/** The facts to name as not recorded: a derived fact's missing inputs in its place (itself when none is missing). */
export function explainMissing(missing: readonly FactName[], facts: FactTable): FactName[] {
  const out = new Set<FactName>();
  for (const f of missing) {
    const inputs = DERIVED[f]?.filter((x) => facts.missing.has(x)) ?? [];
    if (inputs.length === 0) out.add(f);
    else inputs.forEach((x) => out.add(x));
  }
  return [...out];
}
