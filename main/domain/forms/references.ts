import type { AnyField, Field, FormDefinition, RepeatableGroup } from '../../contract/form';
import { RULE_FACT_NAMES, RULE_FACT_VALUES } from '../rules/facts';
import { isVariable, validateRule, variableName, type RuleValue, type Segments, type VariableScope, type VariableVerdict } from '../rules/validate';

// Checks a form needs beyond its schema, run when it loads: ids unique, every rule variable names
// a fact or an earlier question, every compared literal is a real option. A typo in a data file
// would otherwise show or require the wrong questions without any error.

/** One problem in a form definition, located by path segments from the form's root. */
export interface DefinitionIssue {
  segments: Array<string | number>;
  message: string;
  key: string;
}

/** What literals a variable may be compared with: a fact's values, or a question's options. */
type Domain = { kind: 'enum'; values: readonly string[] } | { kind: 'boolean' } | { kind: 'number' } | { kind: 'other' };

interface Scope {
  /** `answers.<id>` a rule here may read: questions before it. */
  earlier: Map<string, Field>;
  all: Map<string, Field>;
  /** Inside a repeatable group: `row.<id>` for sub-fields before this one. */
  rowEarlier?: Map<string, AnyField>;
}

function factDomain(name: string): Domain | undefined {
  if (!(RULE_FACT_NAMES as readonly string[]).includes(name)) return undefined;
  const values = RULE_FACT_VALUES[name as keyof typeof RULE_FACT_VALUES];
  return values === 'boolean' ? { kind: 'boolean' } : values === 'number' ? { kind: 'number' } : { kind: 'enum', values };
}

function fieldDomain(field: AnyField): Domain {
  switch (field.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return { kind: 'enum', values: field.options.map((o) => o.id) };
    case 'yes_no':
      return { kind: 'boolean' };
    case 'number':
      return { kind: 'number' };
    default:
      return { kind: 'other' };
  }
}

export function formDefinitionIssues(form: FormDefinition): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  const add = (segments: Segments, message: string, key: string) => out.push({ segments, message, key });

  // Sections: unique ids; informed participation exactly once, and first.
  const sectionSeen = new Map<string, number>();
  form.sections.forEach((s, i) => {
    const before = sectionSeen.get(s.id);
    if (before !== undefined) add(['sections', i, 'id'], `Section id "${s.id}" is already used by section ${before}.`, 'forms.duplicateId');
    else sectionSeen.set(s.id, i);
  });
  const participation = form.sections.flatMap((s, i) => (s.informedParticipation ? [i] : []));
  if (participation.length !== 1 || participation[0] !== 0) {
    add(['sections'], 'Exactly one section is marked informedParticipation, and it comes first.', 'forms.participationFirst');
  }

  // Fields: unique ids across the form; no id is a dotted prefix of another (rules read them nested).
  const all = new Map<string, Field>();
  const fieldAt = new Map<string, Segments>();
  form.sections.forEach((s, si) =>
    s.fields.forEach((f, fi) => {
      const at: Segments = ['sections', si, 'fields', fi];
      if (all.has(f.id)) add([...at, 'id'], `Field id "${f.id}" is already used.`, 'forms.duplicateId');
      else {
        all.set(f.id, f);
        fieldAt.set(f.id, at);
      }
    }),
  );
  for (const id of all.keys()) {
    for (const other of all.keys()) {
      if (other.startsWith(`${id}.`)) {
        add([...(fieldAt.get(other) as Segments), 'id'], `Field id "${other}" sits under field "${id}"; rules could not tell them apart.`, 'forms.nestedId');
      }
    }
  }

  const preTrial = form.reportTypes.includes('pre_trial');
  const earlier = new Map<string, Field>();
  form.sections.forEach((section, si) => {
    const sectionScope: Scope = { earlier: new Map(earlier), all };
    checkRule(section.visibleWhen, ['sections', si, 'visibleWhen'], sectionScope, add);
    checkRule(section.requiredWhen, ['sections', si, 'requiredWhen'], sectionScope, add);
    section.fields.forEach((field, fi) => {
      const at: Segments = ['sections', si, 'fields', fi];
      const scope: Scope = { earlier: new Map(earlier), all };
      checkField(field, at, scope, preTrial, add);
      if (field.kind === 'repeatable_group') checkGroup(field, at, scope, preTrial, add);
      earlier.set(field.id, field);
    });
  });
  return out;
}

type Add = (segments: Segments, message: string, key: string) => void;

function checkField(field: AnyField, at: Segments, scope: Scope, preTrial: boolean, add: Add): void {
  checkRule(field.visibleWhen, [...at, 'visibleWhen'], scope, add);
  checkRule(field.requiredWhen, [...at, 'requiredWhen'], scope, add);
  if (preTrial && field.offenceAccount) {
    add([...at, 'offenceAccount'], 'A pre-trial form may not ask for the account or analysis of the alleged offence (presumption of innocence).', 'forms.offenceAccountPreTrial');
  }
  if (field.kind === 'single_choice' || field.kind === 'multiple_choice') {
    const seen = new Set<string>();
    field.options.forEach((o, oi) => {
      if (seen.has(o.id)) add([...at, 'options', oi, 'id'], `Option id "${o.id}" is already used in this question.`, 'forms.duplicateId');
      seen.add(o.id);
    });
    if (field.kind === 'multiple_choice' && field.exclusiveOption && !seen.has(field.exclusiveOption)) {
      add([...at, 'exclusiveOption'], `"${field.exclusiveOption}" is not an option of this question.`, 'forms.unknownOption');
    }
  }
}

function checkGroup(group: RepeatableGroup, at: Segments, scope: Scope, preTrial: boolean, add: Add): void {
  const rowEarlier = new Map<string, AnyField>();
  group.fields.forEach((sub, i) => {
    const subAt: Segments = [...at, 'fields', i];
    if (rowEarlier.has(sub.id)) add([...subAt, 'id'], `Sub-field id "${sub.id}" is already used in this group.`, 'forms.duplicateId');
    checkField(sub, subAt, { ...scope, rowEarlier: new Map(rowEarlier) }, preTrial, add);
    rowEarlier.set(sub.id, sub);
  });
}

/**
 * Checks a rule with the rules walker (domain/rules): every `var` names a fact, an earlier question
 * or an earlier field of the row, and every literal compared with one is a value it can take.
 */
function checkRule(rule: RuleValue | undefined, at: Segments, scope: Scope, add: Add): void {
  if (rule === undefined) return;
  const check = validateRule(rule, 'form', {
    path: at,
    variable: (name, where) => variableVerdict(name, scope, where),
    operation: (op, args, here, where, report) => {
      const domainOf = (v: RuleValue | undefined) => domainOfVariable(v, scope, where);
      const literal = (lit: RuleValue | undefined, domain: Domain, litAt: Segments) => {
        const reason = literalProblem(lit, domain);
        if (reason) report(litAt, { reason, key: 'forms.unknownOption' });
      };
      // A literal compared with a variable must be a value that variable can take.
      if (['==', '===', '!=', '!=='].includes(op) && args.length === 2) {
        for (const [v, lit, li] of [
          [args[0], args[1], 1],
          [args[1], args[0], 0],
        ] as const) {
          if (isVariable(v) && !isVariable(lit)) literal(lit, domainOf(v), [...here, li]);
        }
      }
      if (op === 'in' && args.length === 2) {
        const [needle, hay] = args;
        if (isVariable(hay) && !isVariable(needle)) literal(needle, domainOf(hay), [...here, 0]);
        if (isVariable(needle) && Array.isArray(hay)) {
          const d = domainOf(needle);
          hay.forEach((lit, i) => literal(lit, d, [...here, 1, i]));
        }
      }
    },
  });
  for (const issue of check.issues) add(issue.segments, issue.message, issue.key);
}

/** Inside some/all/none over a group's rows: the row's sub-fields; `null` for a list of plain values. */
function elementFields(where: VariableScope, scope: Scope): Map<string, AnyField> | null {
  const list = where.element?.list;
  const name = isVariable(list) ? variableName(list) : undefined;
  const group = typeof name === 'string' ? scope.all.get(name.replace(/^answers\./, '')) : undefined;
  return group?.kind === 'repeatable_group' ? new Map<string, AnyField>(group.fields.map((f) => [f.id, f])) : null;
}

/** What a `{"var": name}` here refers to, or why it refers to nothing. */
function resolve(name: string, scope: Scope, where: VariableScope): { field?: AnyField; domain?: Domain; local?: true } | { reason: string; key: string } {
  if (where.element) {
    // Inside some/all/none: the element's own sub-fields, or "" for a plain value.
    if (name === '') return { local: true };
    const sub = elementFields(where, scope)?.get(name);
    return sub ? { field: sub, local: true } : { reason: `"${name}" is not a field of the rows being tested.`, key: 'forms.unknownVariable' };
  }
  const fact = factDomain(name);
  if (fact) return { domain: fact };
  if (name.startsWith('answers.')) {
    const id = name.slice('answers.'.length);
    const field = scope.earlier.get(id);
    if (field) return { field };
    return scope.all.has(id)
      ? { reason: `"${id}" comes later in the form; a rule may only look at earlier questions.`, key: 'forms.laterVariable' }
      : { reason: `"${id}" is not a question of this form.`, key: 'forms.unknownVariable' };
  }
  if (name.startsWith('row.')) {
    const id = name.slice('row.'.length);
    if (!scope.rowEarlier) return { reason: '"row." can only be used inside a repeatable group.', key: 'forms.unknownVariable' };
    const sub = scope.rowEarlier.get(id);
    return sub ? { field: sub } : { reason: `"${id}" is not an earlier field of this group's rows.`, key: 'forms.unknownVariable' };
  }
  return { reason: `"${name}" is neither a fact (${RULE_FACT_NAMES.join(', ')}) nor "answers.<fieldId>".`, key: 'forms.unknownVariable' };
}

function variableVerdict(name: string, scope: Scope, where: VariableScope): VariableVerdict {
  const found = resolve(name, scope, where);
  if ('reason' in found) return found;
  return found.local ? 'local' : 'read';
}

/** What literals a variable may be compared with; `other` when it names nothing (reported on its own). */
function domainOfVariable(v: RuleValue | undefined, scope: Scope, where: VariableScope): Domain {
  if (!isVariable(v)) return { kind: 'other' };
  const name = variableName(v);
  if (typeof name !== 'string') return { kind: 'other' };
  const found = resolve(name, scope, where);
  if ('reason' in found) return { kind: 'other' };
  return found.domain ?? (found.field ? fieldDomain(found.field) : { kind: 'other' });
}

function literalProblem(lit: RuleValue | undefined, domain: Domain): string | undefined {
  if (lit === null || lit === undefined) return undefined; // comparing with null asks "not answered"
  if (domain.kind === 'enum' && !(typeof lit === 'string' && domain.values.includes(lit))) {
    return `${JSON.stringify(lit)} is not a possible value here; expected one of ${domain.values.join(', ')}.`;
  }
  if (domain.kind === 'boolean' && typeof lit !== 'boolean') return `${JSON.stringify(lit)} is compared with a yes/no value; use true or false.`;
  if (domain.kind === 'number' && typeof lit !== 'number') return `${JSON.stringify(lit)} is compared with a number.`;
  return undefined;
}
