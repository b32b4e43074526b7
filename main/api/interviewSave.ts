import type { FormDefinition } from '../contract/form';
import type { Interview } from '../contract/interview';
import { canMarkComplete, evaluateForm, type FormEvaluation, type FormIssue } from '../domain/forms';
import { applyDisclosureDefaults } from '../domain/forms/disclosure';
import type { RuleFacts } from '../domain/rules';
import { checkInterviewForSave, interviewSetting, offenceAccountFieldIds, progressSummary } from '../domain/interviewRules';
import type { StoredInterview } from '../store/interviews';
import { invalidInput } from '../contract/errors';
import { screenerRefusalIssues } from '../domain/forms/screener';
import { assertEditable } from './reportLife';
import type { Area, CallContext } from './types';

// Storing an interview under its safeguards: shared by the interview calls and a case file's import,
// so an interview is never stored by two different paths.

export interface InterviewSaver {
  /** Saves a case's interview draft after the safeguards; returns the draft's open issues. */
  save(caseId: string, version: number, interview: Interview, ctx: CallContext, prefix?: string, saveId?: string): ReturnType<InterviewSaver['result']>;
  /** What a save or completion answers: the stored version, status and progress. */
  result(
    stored: StoredInterview,
    setting: { form: FormDefinition; facts: RuleFacts },
    issues: FormIssue[],
    evaluation?: FormEvaluation,
  ): { version: number; status: StoredInterview['status']; updatedAt: string; issues: FormIssue[]; progress: ReturnType<typeof progressSummary> };
}

export function createInterviewSaver(area: Area): InterviewSaver {
  const { services, stores, meta } = area;
  // Worked out from the forms when first needed: a start that reads no interview loads no form.
  let accountIds: ReturnType<typeof offenceAccountFieldIds> | undefined;
  const offenceAccountIds = () => (accountIds ??= offenceAccountFieldIds(services.forms));
  const result: InterviewSaver['result'] = (stored, setting, issues, evaluation) => ({
    version: stored.version,
    status: stored.status,
    updatedAt: stored.updatedAt,
    issues,
    progress: progressSummary(setting.form, stored.interview, setting.facts, evaluation),
  });
  return {
    result,
    save(caseId, version, answered, ctx, prefix = '$.interview', saveId) {
      const setting = interviewSetting(services.forms, stores.cases.get(caseId).details, services.jurisdiction.youngAdultUpperAge);
      assertEditable(area, caseId, ctx, 'interview');
      // A screener answers only the questions the form opens to screeners; answers an officer gave stay as they are.
      if (ctx.person?.role === 'screener') {
        const refused = screenerRefusalIssues(setting.form, answered, { before: stores.interviews.find(caseId)?.interview, prefix });
        if (refused.length > 0) throw invalidInput(refused);
      }
      // Whatever door the answers came through, the form's not-for-disclosure defaults are stored with them.
      const interview = applyDisclosureDefaults(setting.form, answered);
      // One evaluation of the form serves the checks and the progress summary (autosave runs this often).
      const evaluation = evaluateForm(setting.form, interview, setting.facts);
      const issues = checkInterviewForSave(setting.form, setting.facts, interview, offenceAccountIds(), prefix, evaluation);
      // A completed interview stays complete only while it still passes; otherwise it is a draft again.
      const stillComplete = stores.interviews.find(caseId)?.status === 'complete' && canMarkComplete(setting.form, interview, setting.facts).ok;
      const stored = stores.interviews.save(caseId, version, interview, stillComplete ? 'complete' : 'in_progress', { ...meta(ctx), saveId });
      // The stored answers are the ones just checked (a save that changed nothing stored equal answers).
      return result(stored, setting, issues, evaluation);
    },
  };
}
