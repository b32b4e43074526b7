import jsonLogic from 'json-logic-js';
import { elementScopedOperators } from './dialect';
import { isVariable, variableName, type RuleValue } from './validate';

// The one evaluator: json-logic-js, the same in main and in the renderer. A rule holds when its
// value is JSON Logic truthy (an empty list, 0, "" and null are false). What a rule sees of data
// that is not recorded is defined here once:
//  - `unknown: 'null'` (the default): a variable the data does not hold reads as null, so a
//    comparison with it is false unless the rule asks `== null`. Form rules rely on this: a
//    declined, hidden or unanswered question reads as null, never as a yes or a no.
//  - `unknown: 'undecided'`: a rule that reads any variable the data holds no value for (absent
//    or null) is not evaluated at all, and the outcome is 'unknown'. Eligibility uses this, so
//    a fact that is not recorded can never decide an option either way.
// An absent rule (no `visibleWhen`, no `when`) is `whenAbsent`, which each caller states.

export interface EvaluateRuleOptions {
  /** The verdict when there is no rule at all; true unless said otherwise. */
  whenAbsent?: boolean;
  unknown?: 'null' | 'undecided';
}

export function evaluateRule(rule: RuleValue | undefined, data: object, options?: EvaluateRuleOptions & { unknown?: 'null' }): boolean;
export function evaluateRule(rule: RuleValue | undefined, data: object, options: EvaluateRuleOptions & { unknown: 'undecided' }): boolean | 'unknown';
export function evaluateRule(rule: RuleValue | undefined, data: object, options: EvaluateRuleOptions = {}): boolean | 'unknown' {
  if (rule === undefined) return options.whenAbsent ?? true;
  if (options.unknown === 'undecided' && unrecordedReads(rule, data).length > 0) return 'unknown';
  return jsonLogic.truthy(jsonLogic.apply(rule as never, data));
}

const readsCache = new WeakMap<object, string[]>();

/** The variables a rule reads from its data (not the elements inside some/all/none/map/filter/reduce, nor a `var` with a default). */
export function readsOf(rule: RuleValue): string[] {
  if (rule === null || typeof rule !== 'object') return [];
  const cached = readsCache.get(rule);
  if (cached) return cached;
  const out = new Set<string>();
  const walk = (node: unknown, inElement: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inElement));
    if (node === null || typeof node !== 'object') return;
    if (isVariable(node)) {
      const name = variableName(node);
      const hasDefault = Array.isArray(node.var) && node.var.length > 1;
      if (!inElement && typeof name === 'string' && name !== '' && !hasDefault) out.add(name);
      return;
    }
    for (const [op, arg] of Object.entries(node)) {
      if (elementScopedOperators.has(op) && Array.isArray(arg)) arg.forEach((a, i) => walk(a, inElement || i === 1));
      else walk(arg, inElement);
    }
  };
  walk(rule, false);
  const reads = [...out];
  readsCache.set(rule, reads);
  return reads;
}

/** A dotted name resolved as json-logic-js resolves `var` (own and inherited properties). */
function valueAt(data: unknown, name: string): unknown {
  let at: unknown = data;
  for (const part of name.split('.')) {
    if (at === null || at === undefined || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The variables a rule reads that `data` holds no value for. */
export function unrecordedReads(rule: RuleValue, data: object): string[] {
  return readsOf(rule).filter((name) => valueAt(data, name) == null);
}
