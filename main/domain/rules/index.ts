// The rule language of the data files: forms (visibleWhen, requiredWhen), the options catalogue
// (failsWhen), report templates (a section's `when`) and local programme eligibility. Pure; the
// renderer runs the same module. The API, in four parts:
//
//  - dialect.ts   which JSON Logic operators each kind of file may use, as a table with the
//                 reason for every difference (`operatorGroups`, `operatorsOf(kind)`).
//  - validateRule(rule, kind, { file, path, variable?, operation? }) -> { issues, reads }
//                 the one walker: every issue names the file, the JSON path and the reason (as a
//                 clause `reason` and a sentence `message`, with an i18n `key`). Variables are
//                 checked against the kind's fixed vocabulary (catalogue, programme) or by the
//                 caller's `variable` check (a form's earlier questions, a template's context).
//  - evaluateRule(rule, data, { whenAbsent, unknown }) -> boolean (| 'unknown')
//                 the one evaluator (json-logic-js). `unknown: 'null'` reads what the data does
//                 not hold as null; `unknown: 'undecided'` gives 'unknown' for a rule reading it.
//  - deriveFacts(caseDetails, jurisdiction) -> RuleFacts, plus readDependants, reportFacts and
//                 profileFacts: the facts every kind of rule reads, derived in one place.
export {
  dialectKinds,
  dialectNames,
  operatorGroups,
  operatorsOf,
  allows,
  jsonLogicOperators,
  elementScopedOperators,
  type DialectKind,
  type OperatorGroup,
} from './dialect';
export {
  validateRule,
  sentence,
  isVariable,
  variableName,
  type RuleValue,
  type RuleIssue,
  type RuleCheck,
  type RuleProblem,
  type Segments,
  type ValidateRuleOptions,
  type VariableScope,
  type VariableVerdict,
} from './validate';
export { evaluateRule, readsOf, unrecordedReads, type EvaluateRuleOptions } from './evaluate';
export {
  ADULT_AGE,
  ageOn,
  assessAge,
  assessCaseAge,
  isWoman,
  deriveFacts,
  RULE_FACT_NAMES,
  RULE_FACT_VALUES,
  readDependants,
  hasDependants,
  dependantsCount,
  reportFacts,
  profileFacts,
  recordedNeeds,
  type AgeAssessment,
  type CaseFactsSource,
  type DependantsRecord,
  type FactTable,
  type RuleFacts,
} from './facts';
