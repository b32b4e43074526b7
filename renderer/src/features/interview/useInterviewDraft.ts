import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import type { Output } from '../../../../main/contract/api';
import type { Interview } from '../../../../main/contract/interview';
import { interviewParts } from '../../../../main/domain/merge';
import { call } from '../../api/client';
import { useDraftAutosave } from '../../drafts/useDraftAutosave';
import { evaluate, type Evaluated } from './evaluation';
import { toInterview, toUiValues, type UiValues } from './model';

export type Opened = Output<'interview.open'>;
type Saved = Output<'interview.save'>;

const EVALUATE_MS = 120;

/**
 * The interview's answers: the form that holds them, the autosave and unsaved copy they share with
 * every other document (drafts/), and the visibility and progress evaluated as the officer types.
 */
export function useInterviewDraft(opened: Opened, actor: string) {
  const { caseId, form: definition, facts } = opened;
  const [completeStatus, setCompleteStatus] = useState(opened.status);
  // Bumped when the answers are replaced wholesale (merged, or the stored version put back): the section remounts.
  const [resetCount, setResetCount] = useState(0);
  const [evaluated, setEvaluated] = useState<Evaluated | null>(null);

  // The autosave needs the form to read from and the form starts from the autosave's content.
  const formHolder = useRef<UseFormReturn<UiValues> | null>(null);
  const draft = useDraftAutosave<Interview, Saved>({
    key: { kind: 'interview', caseId, actor },
    mergeable: interviewParts,
    stored: { version: opened.version, doc: opened.interview, updatedAt: opened.updatedAt },
    door: {
      save: (interview, version, saveId, options) => call('interview.save', { caseId, version, interview, saveId }, options),
      open: async () => {
        const latest = await call('interview.open', { caseId });
        return { version: latest.version, doc: latest.interview, updatedAt: latest.updatedAt };
      },
    },
    read: (): Interview => toInterview(definition, formHolder.current!.getValues()),
    show: (doc) => {
      formHolder.current!.reset(toUiValues(definition, doc));
      setResetCount((n) => n + 1);
      setEvaluated(evaluate(definition, doc, facts));
    },
    onSaved: (result) => setCompleteStatus(result.status),
  });
  const form = useForm<UiValues>({ defaultValues: toUiValues(definition, draft.start), shouldUnregister: false });
  formHolder.current = form;
  const getInterview = useCallback((): Interview => toInterview(definition, form.getValues()), [definition, form]);
  const [initial] = useState(() => evaluate(definition, draft.start, facts));

  const evalTimer = useRef<number | undefined>(undefined);
  const reevaluate = useCallback(() => {
    window.clearTimeout(evalTimer.current);
    evalTimer.current = window.setTimeout(() => setEvaluated(evaluate(definition, getInterview(), facts)), EVALUATE_MS);
  }, [definition, facts, getInterview]);

  // Every change: autosave timers and a debounced evaluation. The form element hears every input
  // and change event as it bubbles; this costs nothing per keystroke, where a react-hook-form values
  // subscription would copy all answers on every one. Nothing here re-renders the form.
  const formRef = useRef<HTMLFormElement>(null);
  const { changed } = draft;
  const onAnyChange = useCallback(() => {
    changed();
    reevaluate();
  }, [changed, reevaluate]);
  useEffect(() => {
    const el = formRef.current;
    if (!el) return;
    el.addEventListener('input', onAnyChange);
    el.addEventListener('change', onAnyChange);
    return () => {
      el.removeEventListener('input', onAnyChange);
      el.removeEventListener('change', onAnyChange);
      window.clearTimeout(evalTimer.current);
    };
  }, [onAnyChange]);

  return { form, formRef, draft, evaluated: evaluated ?? initial, completeStatus, setCompleteStatus, resetCount, onAnyChange };
}
