import { factNames } from '../../contract/options';

// The rule language of the data files, as data: which JSON Logic operators each kind of file may
// use, and why a kind differs from the others. validate.ts reads this table and nothing else, so a
// change of dialect is one edit here (and the test beside it in tests/unit/rules).

export const dialectKinds = ['form', 'catalogue', 'template', 'programme'] as const;
export type DialectKind = (typeof dialectKinds)[number];

/** What the error messages call a rule of each kind. */
export const dialectNames: Readonly<Record<DialectKind, string>> = {
  form: 'a form rule',
  catalogue: 'a catalogue rule',
  template: 'a template condition',
  programme: 'a programme eligibility rule',
};

/** Every operator json-logic-js knows, so an unknown word can be told from a disallowed operator. */
export const jsonLogicOperators = [
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=',
  'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce', 'all', 'none', 'some', 'merge', 'in', 'cat', 'substr', 'log', 'method',
] as const;

export interface OperatorGroup {
  operators: readonly string[];
  /** The kinds of file that may use these operators; empty: none may. */
  kinds: readonly DialectKind[];
  /** Why these kinds and not the others. */
  why: string;
}

const ALL: readonly DialectKind[] = dialectKinds;

/** The dialect table. An operator in no group is not JSON Logic and is refused everywhere. */
export const operatorGroups: readonly OperatorGroup[] = [
  {
    operators: ['var', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', 'if', '?:', '>', '>=', '<', '<=', 'in', 'some', 'all', 'none'],
    kinds: ALL,
    why: 'reading a variable, comparisons and logic: what every rule is made of',
  },
  {
    operators: ['min', 'max', '+', '-', '*', '/', 'cat', 'merge'],
    kinds: ['form', 'catalogue', 'programme'],
    why:
      'arithmetic and joining values; a template condition only chooses whether a section is printed, from facts already worked out in the report context (facts.*), so any sum belongs in those tested facts, not in wording data',
  },
  {
    operators: ['%', 'map', 'filter', 'reduce', 'substr'],
    kinds: ['catalogue'],
    why:
      'eligibility rules compute over lists of recorded facts (needs, offence categories); a form rule reads single earlier answers, a template reads finished facts, and a programme rule is written on the Programmes page, which can explain comparisons and sums back in words but not list transforms',
  },
  {
    operators: ['missing'],
    kinds: ['template'],
    why:
      'a template may leave a section out when part of the report context is absent (no countersigner); a form rule may only read names that can be checked when the form loads, and catalogue and programme rules never see a fact that is not recorded: the matcher reports it as unknown, so a rule cannot turn "not recorded" into a yes or a no',
  },
  {
    operators: ['missing_some'],
    kinds: [],
    why: 'it reads names computed at run time, which no load-time check can follow',
  },
  {
    operators: ['log', 'method'],
    kinds: [],
    why: 'log writes to the console and method calls code on the data: a data file may not run code',
  },
];

/**
 * Operators whose argument at index 1 runs once per element of the list at index 0: there
 * `{"var": ""}` is the element (and, for reduce, `current` and `accumulator`).
 */
export const elementScopedOperators: ReadonlySet<string> = new Set(['some', 'all', 'none', 'map', 'filter', 'reduce']);

/**
 * Variables a kind may read when they are a fixed vocabulary. Forms (earlier questions) and
 * templates (the report context schema) have theirs checked by the caller of validateRule.
 */
export const fixedVariables: Readonly<Partial<Record<DialectKind, readonly string[]>>> = {
  catalogue: factNames,
  programme: factNames,
};

const byKind = new Map<DialectKind, ReadonlySet<string>>(dialectKinds.map((k) => [k, new Set(operatorGroups.filter((g) => g.kinds.includes(k)).flatMap((g) => g.operators))]));
const known = new Set<string>(jsonLogicOperators);

/** The operators a kind of file may use, in table order. */
export function operatorsOf(kind: DialectKind): string[] {
  return [...(byKind.get(kind) ?? [])];
}

export function allows(kind: DialectKind, operator: string): boolean {
  return byKind.get(kind)?.has(operator) ?? false;
}

export function isJsonLogicOperator(operator: string): boolean {
  return known.has(operator);
}

/** Why `kind` may not use `operator` (the reason written beside its group in the table). */
export function whyNot(operator: string): string | undefined {
  return operatorGroups.find((g) => g.operators.includes(operator))?.why;
}
