// The forms rules, one import for the store, the API and the renderer. The facts and the rule
// language they use are in ../rules.
export { countGraphemes } from './graphemes';
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
export { offenceAccountViolations, assertInterviewAllowed } from './guards';
export { canMarkComplete, type CompletionVerdict } from './complete';
export { formDefinitionIssues, type DefinitionIssue } from './references';
