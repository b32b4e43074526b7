// The forms rules, one import for the store, the API and the renderer.
export { countGraphemes } from './graphemes';
export { ruleFacts, assertInterviewAllowed, RULE_FACT_NAMES, type RuleFacts, type CaseFactsSource } from './facts';
export { ruleHolds, type RuleData } from './rules';
export {
  evaluateForm,
  answerPath,
  type FormIssue,
  type FormIssueKind,
  type ItemState,
  type ItemEvaluation,
  type SectionEvaluation,
  type FormEvaluation,
} from './evaluate';
export { validateInterview } from './validate';
export { progress, type FormProgress, type SectionProgress, type SectionStatus, type MissingAnswer, type ProgressCounts } from './progress';
export { offenceAccountViolations } from './guards';
export { canMarkComplete, type CompletionVerdict } from './complete';
export { formDefinitionIssues, type DefinitionIssue } from './references';
