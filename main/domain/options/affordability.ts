import type { JurisdictionOptions } from '../../contract/jurisdiction';
import type { MatchingProfile } from '../../contract/options';

// The one affordability calculation every money option and money condition uses: a fine, a
// day-fine, compensation, a financial surety, a programme's fee. Over the recorded income,
// outgoings, dependants, the officer's finding on ability to pay and the amount the person can pay
// in instalments, with the jurisdiction's allowance per dependant and smallest workable payment.

/** Why the person can or cannot pay, as a vocabulary value (read as words in messages). */
export type AffordabilityBasis =
  | 'unable_without_hardship'
  | 'instalments_within_means'
  | 'instalments_above_means'
  | 'income_after_outgoings'
  | 'nothing_left_after_outgoings';

export interface Affordability {
  /** `unknown` when the facts needed are not recorded (or declined): never read as a yes or a no. */
  affordable: 'yes' | 'no' | 'unknown' | 'declined';
  basis?: AffordabilityBasis;
  /** What the person can pay each month (0 when they cannot pay). */
  payableMonthly?: number;
  /** Income less outgoings less the allowance for dependants, when all are recorded. */
  disposableMonthly?: number;
  minimumPayment: number;
  /** One day-fine unit under the jurisdiction's rule (0 when nothing can be paid). */
  dayFineUnit?: number;
  currency: string | null;
}

const DEFAULT_RULE: Pick<JurisdictionOptions, 'affordability' | 'dayFine'> = {
  // Without jurisdiction figures: no allowance beyond recorded outgoings, any payment above 0, units per calendar day.
  affordability: { dependantAllowance: 0, minimumMonthlyPayment: 0.01 },
  dayFine: { daysPerMonth: 30, minimumUnit: 0 },
};

type Inputs = Pick<MatchingProfile, 'monthlyIncome' | 'monthlyOutgoings' | 'dependants' | 'ableToPay' | 'paymentMode' | 'affordableMonthly' | 'jurisdiction'>;

export function affordability(p: Inputs): Affordability {
  const rule = p.jurisdiction ?? DEFAULT_RULE;
  const currency = p.jurisdiction?.currency ?? null;
  const minimumPayment = rule.affordability.minimumMonthlyPayment;
  const base = { minimumPayment, currency };
  const unit = (payable: number) => (payable <= 0 ? 0 : Math.max(rule.dayFine.minimumUnit, Math.floor((payable / rule.dayFine.daysPerMonth) * 100) / 100));
  const verdict = (payable: number, basis: AffordabilityBasis, disposable?: number): Affordability => ({
    ...base,
    affordable: payable >= minimumPayment ? 'yes' : 'no',
    basis,
    payableMonthly: Math.max(0, Math.round(payable * 100) / 100),
    ...(disposable !== undefined ? { disposableMonthly: disposable } : {}),
    dayFineUnit: payable >= minimumPayment ? unit(payable) : 0,
  });

  // The officer's finding that the person cannot pay without hardship decides on its own.
  if (p.paymentMode === 'unable' || p.ableToPay === 'no') return { ...base, affordable: 'no', basis: 'unable_without_hardship', payableMonthly: 0, dayFineUnit: 0 };

  const { monthlyIncome: income, monthlyOutgoings: outgoings, dependants } = p;
  const disposable =
    typeof income === 'number' && typeof outgoings === 'number' && typeof dependants === 'number' ? Math.round((income - outgoings - dependants * rule.affordability.dependantAllowance) * 100) / 100 : undefined;

  if (p.paymentMode === 'instalments' && typeof p.affordableMonthly === 'number') {
    // The amount the person says they can pay, unless the recorded figures leave less.
    if (disposable !== undefined && disposable < p.affordableMonthly) return verdict(Math.max(0, disposable), 'instalments_above_means', disposable);
    return verdict(p.affordableMonthly, 'instalments_within_means', disposable);
  }
  if (disposable !== undefined) return verdict(disposable, disposable > 0 ? 'income_after_outgoings' : 'nothing_left_after_outgoings', disposable);
  const declined = [p.monthlyIncome, p.monthlyOutgoings, p.dependants, p.affordableMonthly].includes('declined') || p.paymentMode === 'declined';
  return { ...base, affordable: declined ? 'declined' : 'unknown' };
}

/** An amount as the report writes it: in the jurisdiction's currency when it has one. */
export function money(amount: number, currency: string | null, language = 'en'): string {
  if (!currency) return String(amount);
  const whole = Number.isInteger(amount);
  // Building a formatter costs far more than using one; matching formats a few amounts per keystroke.
  const key = `${language}|${currency}|${whole}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, (f = new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })));
  }
  return f.format(amount);
}
const formatters = new Map<string, Intl.NumberFormat>();
