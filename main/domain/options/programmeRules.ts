import { quoted, type ApiIssue } from '../../contract/errors';
import { factNames, type FactName, type ProgrammeDetails, type Rule } from '../../contract/options';
import { validateRule } from '../rules/validate';
import type { Catalogue, CompiledRule } from './catalogue';
import { placeholders } from './text';

// The checks on a local programme that its schema cannot make, pure so that the Programmes page runs
// them as the officer types and the API runs the same ones on every save and import.
//
// A local programme's own eligibility conditions, in the same rule language as the catalogue
// (templates/options/README.md): a rule id from the library, or a rule written for the programme.
// Checked when a programme is saved or imported; matched by the same evaluator as catalogue rules.

const FACTS = new Set<string>(factNames);

function compileInline(rule: Rule, path: string, issues: ApiIssue[]): CompiledRule {
  const report = (at: string, reason: string) => issues.push({ path: at, message: `${at}: ${reason}`, key: 'programmes.ruleInvalid', params: { rule: rule.id } });
  // The same dialect and walker as the catalogue's own rules (domain/rules).
  const check = validateRule(rule.failsWhen, 'catalogue');
  for (const issue of check.issues) report(`${path}.failsWhen${issue.path.slice(1)}`, issue.reason);
  const reads = new Set<string>(check.reads);
  for (const part of ['failed', 'met'] as const) {
    for (const [lang, text] of Object.entries(rule[part])) {
      for (const name of placeholders(text)) {
        if (FACTS.has(name)) reads.add(name);
        else report(`${path}.${part}.${lang}`, `the message cites {{${name}}}, which is not a fact`);
      }
    }
  }
  return { rule, reads: factNames.filter((f) => reads.has(f)) as FactName[] };
}

function compile(details: Pick<ProgrammeDetails, 'eligibility'>, catalogue: Pick<Catalogue, 'rules'>, prefix: string): { rules: CompiledRule[]; issues: ApiIssue[] } {
  const issues: ApiIssue[] = [];
  const rules: CompiledRule[] = [];
  (details.eligibility.rules ?? []).forEach((r, i) => {
    const path = `${prefix}.eligibility.rules[${i}]`;
    if (typeof r === 'string') {
      const found = catalogue.rules.get(r);
      if (found) rules.push(found);
      else issues.push({ path, message: `${path}: unknown rule "${r}"`, key: 'programmes.unknownRule', params: { rule: r } });
    } else rules.push(compileInline(r, path, issues));
  });
  const ids = rules.map((c) => c.rule.id);
  ids.forEach((id, j) => {
    if (ids.indexOf(id) !== j) issues.push({ path: `${prefix}.eligibility.rules`, message: `the rule "${id}" is listed twice`, key: 'programmes.ruleTwice', params: { rule: id } });
  });
  return { rules, issues };
}

/** Problems with a programme's rules, each with its JSON path: what a save or import refuses. */
export function programmeRuleIssues(details: Pick<ProgrammeDetails, 'eligibility'>, catalogue: Pick<Catalogue, 'rules'>, prefix = '$.details'): ApiIssue[] {
  return compile(details, catalogue, prefix).issues;
}

const cache = new WeakMap<object, CompiledRule[]>();

/** The programme's rules compiled for matching (a rule that could not be saved is left out). */
export function programmeRules(details: Pick<ProgrammeDetails, 'eligibility'>, catalogue: Catalogue): CompiledRule[] {
  if (!details.eligibility.rules?.length) return [];
  let compiled = cache.get(details);
  if (!compiled) {
    const { rules, issues } = compile(details, catalogue, '$');
    const bad = new Set(issues.map((i) => i.params?.rule));
    compiled = rules.filter((r) => !bad.has(r.rule.id));
    cache.set(details, compiled);
  }
  return compiled;
}

/** Every problem with `details` against the catalogue, each with its JSON path under `prefix`. */
export function programmeIssues(details: ProgrammeDetails, catalogue: Pick<Catalogue, 'byKind' | 'rules'>, prefix = '$.details'): ApiIssue[] {
  const issues: ApiIssue[] = [];
  if (!catalogue.byKind.has(details.kind)) {
    issues.push({ path: `${prefix}.kind`, message: `The catalogue has no option of kind ${quoted(details.kind)}; choose one of ${[...catalogue.byKind.keys()].sort().join(', ')}.`, key: 'programmes.unknownKind', params: { kind: details.kind } });
  }
  const { minAge, maxAge } = details.eligibility;
  if (typeof minAge === 'number' && typeof maxAge === 'number' && minAge > maxAge) {
    issues.push({ path: `${prefix}.eligibility.maxAge`, message: `The upper age (${maxAge}) is below the lower age (${minAge}).`, key: 'programmes.ageRange', params: { minAge, maxAge } });
  }
  issues.push(...programmeRuleIssues(details, catalogue, prefix));
  return issues;
}
