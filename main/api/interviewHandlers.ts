import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import { canMarkComplete } from '../domain/forms';
import { interviewSetting } from '../domain/interviewRules';
import type { InterviewSaver } from './interviewSave';
import { assertEditable } from './reportLife';
import type { Area, HandlerPart } from './types';
import { applyDisclosureDefaults } from '../domain/forms/disclosure';

// The interview calls: open a case's interview on its form, save a draft, mark it complete.

type InterviewMethod = Extract<Method, `interview.${string}`>;

export function createInterviewHandlers(area: Area, saver: InterviewSaver): HandlerPart<InterviewMethod> {
  const { services, stores, meta } = area;
  const { jurisdiction } = services;
  const setting = (caseId: string) => interviewSetting(services.forms, stores.cases.get(caseId).details, jurisdiction.youngAdultUpperAge);
  return {
    'interview.open': ({ caseId }) => {
      const { form, facts } = setting(caseId);
      const stored = stores.interviews.find(caseId);
      return {
        caseId,
        form,
        facts,
        interview: stored?.interview ?? { formId: form.id, formVersion: form.version, answers: {} },
        version: stored?.version ?? 0,
        status: stored?.status ?? 'in_progress',
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
      };
    },
    'interview.save': ({ caseId, version, interview, saveId }, ctx) => saver.save(caseId, version, interview, ctx, undefined, saveId),
    'interview.complete': ({ caseId, version }, ctx) => {
      const current = setting(caseId);
      assertEditable(area, caseId, ctx, 'interview');
      const stored = stores.interviews.find(caseId);
      if (!stored || stored.version !== version) {
        throw new AppError('conflict', `This interview was saved elsewhere in the meantime (now version ${stored?.version ?? 0}). Nothing was changed.`, {
          path: '$.version',
          currentVersion: stored?.version ?? 0,
          key: 'errors.interviewConflict',
          params: { current: stored?.version ?? 0, yours: version },
        });
      }
      const verdict = canMarkComplete(current.form, stored.interview, current.facts);
      if (!verdict.ok) {
        throw new AppError('refused', `The interview cannot be marked complete yet: ${verdict.issues[0]?.message ?? ''}`, {
          path: verdict.issues[0]?.path,
          key: 'errors.interviewIncomplete',
          issues: verdict.issues.map(({ path, message, key }) => ({ path, message, ...(key ? { key } : {}) })),
        });
      }
      const saved = stores.interviews.save(caseId, version, applyDisclosureDefaults(current.form, stored.interview), 'complete', meta(ctx));
      return saver.result(saved, current, []);
    },
  };
}
