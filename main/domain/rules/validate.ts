import { jsonPath } from '../../contract/errors';
import { allows, dialectNames, elementScopedOperators, fixedVariables, isJsonLogicOperator, operatorsOf, whyNot, type DialectKind } from './dialect';

// The one walker over JSON Logic rules in data files. It checks the shape (one operator per
// object, JSON values only), the operators against the dialect of the file's kind, and every
// variable, through the kind's fixed vocabulary or a check the caller gives (a form's earlier
// questions, a template's report context). Every problem names the file, the JSON path and why.

/** A JSON Logic rule as a data file holds it (https://jsonlogic.com). */
export type RuleValue = null | boolean | number | string | RuleValue[] | { [op: string]: RuleValue };

export type Segments = Array<string | number>;

/** Where a variable is read: at the top of the rule, or per element inside some/all/none/map/filter/reduce. */
export interface VariableScope {
  element?: {
    operator: string;
    /** The list argument as written (`{"var": "answers.dependants.people"}`). */
    list: unknown;
    outer: VariableScope;
  };
}

/** A problem found by a caller's check, worded as a clause ("\"x\" is not a question of this form"). */
export interface RuleProblem {
  reason: string;
  /** The i18n key; the dialect's own key when absent. */
  key?: string;
  params?: Record<string, string | number>;
}

/** `read`: a variable of the data; `local`: the element of an element-scoped operator. */
export type VariableVerdict = 'read' | 'local' | RuleProblem;

export interface ValidateRuleOptions {
  /** The data file, named in every message. */
  file?: string;
  /** Where the rule sits in its file, as JSON path segments (`['rules', 0, 'failsWhen']`). */
  path?: ReadonlyArray<string | number>;
  /** Checks a variable name; without it the kind's fixed vocabulary (dialect.ts) is used. */
  variable?: (name: string, scope: VariableScope) => VariableVerdict;
  /** Called for each allowed operation with its arguments, for checks that need both (a compared literal). */
  operation?: (operator: string, args: RuleValue[], at: Segments, scope: VariableScope, report: (at: Segments, problem: RuleProblem) => void) => void;
}

export interface RuleIssue {
  file?: string;
  /** From the root of the file. */
  segments: Segments;
  /** `segments` as a JSON path: `$.rules[0].failsWhen["=="][0].var`. */
  path: string;
  /** A clause, for lists of problems ("unknown JSON Logic operator \"equals\""). */
  reason: string;
  /** The same as a sentence. */
  message: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface RuleCheck {
  issues: RuleIssue[];
  /** The variables the rule reads from its data (element variables left out), in first-read order. */
  reads: string[];
}

/** The i18n key of a bad rule in each kind of file. */
const badRuleKey: Readonly<Record<DialectKind, string>> = {
  form: 'forms.badRule',
  catalogue: 'options.catalogueInvalid',
  template: 'report.badCondition',
  programme: 'programmesUi.badEligibilityRule',
};

/** A clause as a sentence: capital first letter, one full stop. */
export function sentence(reason: string): string {
  const s = reason.charAt(0).toUpperCase() + reason.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export function variableName(node: { var: unknown }): unknown {
  return Array.isArray(node.var) ? node.var[0] : node.var;
}

export function isVariable(node: unknown): node is { var: RuleValue } {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 1 && 'var' in node;
}

function fixedVocabulary(kind: DialectKind): ((name: string, scope: VariableScope) => VariableVerdict) | undefined {
  const names = fixedVariables[kind];
  if (!names) return undefined;
  const known = new Set(names);
  return (name, scope) => {
    if (scope.element && (name === '' || name === 'current' || name === 'accumulator')) return 'local';
    if (known.has(name)) return 'read';
    return { reason: `unknown variable "${name}"; ${dialectNames[kind]} may read: ${names.join(', ')}` };
  };
}

/**
 * Checks one rule of a data file of `kind`. Returns every problem (empty when the rule is good)
 * and the variables it reads.
 */
export function validateRule(rule: unknown, kind: DialectKind, options: ValidateRuleOptions = {}): RuleCheck {
  const base: Segments = [...(options.path ?? [])];
  const issues: RuleIssue[] = [];
  const reads: string[] = [];
  const variable = options.variable ?? fixedVocabulary(kind);
  const report = (at: Segments, problem: RuleProblem) => {
    const segments = [...base, ...at];
    const issue: RuleIssue = { segments, path: jsonPath(segments), reason: problem.reason, message: sentence(problem.reason), key: problem.key ?? badRuleKey[kind] };
    if (options.file !== undefined) issue.file = options.file;
    if (problem.params) issue.params = problem.params;
    issues.push(issue);
  };

  const walk = (node: unknown, at: Segments, scope: VariableScope): void => {
    if (node === null || typeof node === 'boolean' || typeof node === 'string') return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) report(at, { reason: 'numbers in rules must be finite' });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, [...at, i], scope));
      return;
    }
    if (typeof node !== 'object') {
      report(at, { reason: 'a rule is JSON: null, true/false, a number, a string, a list or an operation' });
      return;
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      report(at, { reason: `an operation has exactly one operator; found ${keys.length === 0 ? 'none' : keys.map((k) => JSON.stringify(k)).join(', ')}` });
      return;
    }
    const op = keys[0]!;
    const arg = (node as Record<string, unknown>)[op];
    const here = [...at, op];
    if (!allows(kind, op)) {
      const allowed = operatorsOf(kind).join(' ');
      const params = { operator: op };
      if (!isJsonLogicOperator(op)) report(here, { reason: `unknown JSON Logic operator "${op}"; ${dialectNames[kind]} may use: ${allowed}`, params });
      else report(here, { reason: `unknown or disallowed operator "${op}": ${dialectNames[kind]} may not use it (${whyNot(op)}); it may use: ${allowed}`, params });
      return;
    }
    if (op === 'var') {
      const name = variableName(node as { var: unknown });
      if (typeof name !== 'string') {
        report(here, { reason: 'a variable name must be written as a plain string' });
        return;
      }
      if (Array.isArray(arg)) arg.slice(1).forEach((d, i) => walk(d, [...here, i + 1], scope));
      if (!variable) return;
      const verdict = variable(name, scope);
      if (verdict === 'read') {
        if (!reads.includes(name)) reads.push(name);
      } else if (verdict !== 'local') report(here, verdict);
      return;
    }
    const args = (Array.isArray(arg) ? arg : [arg]) as RuleValue[];
    const argAt = (i: number): Segments => (Array.isArray(arg) ? [...here, i] : here);
    if (elementScopedOperators.has(op) && Array.isArray(arg)) {
      const inner: VariableScope = { element: { operator: op, list: arg[0], outer: scope } };
      arg.forEach((a, i) => walk(a, argAt(i), i === 1 ? inner : scope));
    } else {
      args.forEach((a, i) => walk(a, argAt(i), scope));
    }
    options.operation?.(op, args, here, scope, report);
  };

  walk(rule, [], {});
  return { issues, reads };
}
