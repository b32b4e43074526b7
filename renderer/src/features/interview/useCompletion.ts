import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, ApiIssue } from '../../../../main/contract/errors';
import type { FormDefinition } from '../../../../main/contract/form';
import type { Interview } from '../../../../main/contract/interview';
import { ApiCallError, call } from '../../api/client';
import type { SummaryItem } from '../../components/ErrorSummary';
import { issueText } from '../../components/errors';
import type { DraftAutosave } from '../../drafts/useDraftAutosave';
import { controlId, localize, locatePath } from './model';
import type { Opened } from './useInterviewDraft';

const SUMMARY_LIMIT = 8;

/** "Mark interview complete": saves first, then lists what main still refuses, each linked to its question. */
export function useCompletion(caseId: string, definition: FormDefinition, draft: DraftAutosave<Interview>, setStatus: (s: Opened['status']) => void) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [showMissing, setShowMissing] = useState(false);
  const [summary, setSummary] = useState<{ items: SummaryItem[]; revision: number }>({ items: [], revision: 0 });
  const targets = useRef(new Map<string, string>());
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [completing, setCompleting] = useState(false);

  const toSummary = useCallback(
    (issues: ApiIssue[]): SummaryItem[] => {
      targets.current.clear();
      const items = issues.map((issue): SummaryItem => {
        const at = locatePath(definition, issue.path);
        const target = at ? controlId(at.field.id, at.row, at.subFieldId) : 'interview-sections';
        if (at) targets.current.set(target, at.sectionId);
        const text = issueText(t, issue.key === 'validation.required' ? { ...issue, key: 'interview.required' } : issue);
        if (!at || issue.key === 'forms.participationFirst') return { target, text };
        const sub = at.field.kind === 'repeatable_group' && at.subFieldId ? at.field.fields.find((f) => f.id === at.subFieldId) : undefined;
        const where =
          at.field.kind === 'repeatable_group' && at.row !== undefined
            ? t('interview.rowQuestion', { item: localize(at.field.itemLabel, lang), n: at.row + 1, question: sub ? localize(sub.label, lang) : '' })
            : localize(at.field.label, lang);
        return { target, text: t('interview.summaryItem', { where, problem: text }) };
      });
      // A long list helps nobody: the first problems, then the section list shows the rest.
      if (items.length <= SUMMARY_LIMIT) return items;
      return [...items.slice(0, SUMMARY_LIMIT), { target: 'interview-sections', text: t('interview.summaryMore', { count: items.length - SUMMARY_LIMIT }) }];
    },
    [definition, t, lang],
  );

  const markComplete = async () => {
    setActionError(null);
    setCompleting(true);
    try {
      await draft.flush();
      if (draft.inConflict()) return;
      const result = await call('interview.complete', { caseId, version: draft.version() });
      draft.rebase(result.version);
      setStatus(result.status);
      setSummary((s) => ({ items: [], revision: s.revision + 1 }));
      setShowMissing(false);
    } catch (e) {
      const err: ApiError = e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) };
      if (err.code === 'refused' && err.issues) {
        setShowMissing(true);
        setSummary((s) => ({ items: toSummary(err.issues ?? []), revision: s.revision + 1 }));
      } else {
        setActionError(err);
      }
    } finally {
      setCompleting(false);
    }
  };

  return { markComplete, completing, showMissing, summary, actionError, sectionOf: (target: string) => targets.current.get(target) };
}
