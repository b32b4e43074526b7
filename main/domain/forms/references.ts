import { genders, reportTypes, stages } from '../../contract/case';
import type { AnyField, Field, FormDefinition, RepeatableGroup, RuleValue } from '../../contract/form';
import { RULE_FACT_NAMES } from './facts';

// Checks a form needs beyond its schema, run when it loads: ids unique, every rule variable names
// a fact or an earlier question, every compared literal is a real option. A typo in a data file
// would otherwise show or require the wrong questions without any error.

/** One problem in a form definition, located by path segments from the form's root. */
export interface DefinitionIssue {
  segments: Array<string | number>;
  message: string;
  key: string;
}

type Segments = Array<string | number>;

/** What literals a variable may be compared with: a fact's values, or a question's options. */
type Domain = { kind: 'enum'; values: readonly string[] } | { kind: 'boolean' } | { kind: 'number' } | { kind: 'other' };

interface Scope {
  /** `answers.<id>` a rule here may read: questions before it. */
  earlier: Map<string, Field>;
  all: Map<string, Field>;
  /** Inside a repeatable group: `row.<id>` for sub-fields before this one. */
  rowEarlier?: Map<string, AnyField>;
  /** Inside some/all/none over a group's rows: the row's own sub-field ids; `null` for a list of plain values. */
  element?: Map<string, AnyField> | null;
}

const factDomains: Record<string, Domain> = {
  gender: { kind: 'enum', values: genders },
  stage: { kind: 'enum', values: stages },
  reportType: { kind: 'enum', values: reportTypes },
  isWoman: { kind: 'boolean' },
  isChild: { kind: 'boolean' },
  isYoungAdult: { kind: 'boolean' },
  ageAtOffence: { kind: 'number' },
  ageAtReport: { kind: 'number' },
};

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

/** Walks a rule, checking every `var` and every literal compared with one. */
function checkRule(rule: RuleValue | undefined, at: Segments, scope: Scope, add: Add): void {
  if (rule === undefined || rule === null || typeof rule !== 'object') return;
  if (Array.isArray(rule)) {
    rule.forEach((r, i) => checkRule(r, [...at, i], scope, add));
    return;
  }
  const [op, arg] = Object.entries(rule)[0] as [string, RuleValue];
  const args = Array.isArray(arg) ? arg : [arg];
  const here: Segments = [...at, op];
  if (op === 'var') {
    varDomain(rule as { var: RuleValue }, here, scope, add);
    return;
  }
  if (op === 'some' || op === 'all' || op === 'none') {
    checkRule(args[0], [...here, 0], scope, add);
    const list = args[0];
    const group = isVar(list) ? scope.all.get(String(varName(list)).replace(/^answers\./, '')) : undefined;
    const element = group?.kind === 'repeatable_group' ? new Map<string, AnyField>(group.fields.map((f) => [f.id, f])) : null;
    checkRule(args[1], [...here, 1], { ...scope, element }, add);
    return;
  }
  args.forEach((a, i) => checkRule(a, Array.isArray(arg) ? [...here, i] : here, scope, add));

  // A literal compared with a variable must be a value that variable can take.
  if (['==', '===', '!=', '!=='].includes(op) && args.length === 2) {
    for (const [v, lit, li] of [
      [args[0], args[1], 1],
      [args[1], args[0], 0],
    ] as const) {
      if (isVar(v) && !isVar(lit)) checkLiteral(lit, varDomain(v, [], scope, () => undefined), [...here, li], add);
    }
  }
  if (op === 'in' && args.length === 2) {
    const [needle, hay] = args;
    if (isVar(hay) && !isVar(needle)) checkLiteral(needle, varDomain(hay, [], scope, () => undefined), [...here, 0], add);
    if (isVar(needle) && Array.isArray(hay)) {
      const d = varDomain(needle, [], scope, () => undefined);
      hay.forEach((lit, i) => checkLiteral(lit, d, [...here, 1, i], add));
    }
  }
}

function isVar(r: RuleValue | undefined): r is { var: RuleValue } {
  return r !== null && typeof r === 'object' && !Array.isArray(r) && 'var' in r;
}

function varName(r: { var: RuleValue }): RuleValue | undefined {
  return Array.isArray(r.var) ? r.var[0] : r.var;
}

function checkLiteral(lit: RuleValue | undefined, domain: Domain, at: Segments, add: Add): void {
  if (lit === null || lit === undefined) return; // comparing with null asks "not answered"
  if (domain.kind === 'enum' && !(typeof lit === 'string' && domain.values.includes(lit))) {
    add(at, `${JSON.stringify(lit)} is not a possible value here; expected one of ${domain.values.join(', ')}.`, 'forms.unknownOption');
  } else if (domain.kind === 'boolean' && typeof lit !== 'boolean') {
    add(at, `${JSON.stringify(lit)} is compared with a yes/no value; use true or false.`, 'forms.unknownOption');
  } else if (domain.kind === 'number' && typeof lit !== 'number') {
    add(at, `${JSON.stringify(lit)} is compared with a number.`, 'forms.unknownOption');
  }
}

/** Checks one `{"var": ...}` and says what it can hold. */
function varDomain(rule: { var: RuleValue }, at: Segments, scope: Scope, add: Add): Domain {
  const name = varName(rule);
  if (typeof name !== 'string') {
    add(at, 'A variable name must be written out as text.', 'forms.badRule');
    return { kind: 'other' };
  }
  if (scope.element !== undefined) {
    // Inside some/all/none: the element's own sub-fields, or "" for a plain value.
    if (name === '') return { kind: 'other' };
    const sub = scope.element?.get(name);
    if (!sub) {
      add(at, `"${name}" is not a field of the rows being tested.`, 'forms.unknownVariable');
      return { kind: 'other' };
    }
    return fieldDomain(sub);
  }
  if (Object.hasOwn(factDomains, name) && (RULE_FACT_NAMES as readonly string[]).includes(name)) return factDomains[name] as Domain;
  if (name.startsWith('answers.')) {
    const id = name.slice('answers.'.length);
    const field = scope.earlier.get(id);
    if (field) return fieldDomain(field);
    add(
      at,
      scope.all.has(id) ? `"${id}" comes later in the form; a rule may only look at earlier questions.` : `"${id}" is not a question of this form.`,
      scope.all.has(id) ? 'forms.laterVariable' : 'forms.unknownVariable',
    );
    return { kind: 'other' };
  }
  if (name.startsWith('row.')) {
    const id = name.slice('row.'.length);
    if (!scope.rowEarlier) {
      add(at, '"row." can only be used inside a repeatable group.', 'forms.unknownVariable');
      return { kind: 'other' };
    }
    const sub = scope.rowEarlier.get(id);
    if (sub) return fieldDomain(sub);
    add(at, `"${id}" is not an earlier field of this group's rows.`, 'forms.unknownVariable');
    return { kind: 'other' };
  }
  add(at, `"${name}" is neither a fact (${RULE_FACT_NAMES.join(', ')}) nor "answers.<fieldId>".`, 'forms.unknownVariable');
  return { kind: 'other' };
}
