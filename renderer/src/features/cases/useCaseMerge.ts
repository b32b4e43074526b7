import { useCallback, useMemo, useState } from 'react';
import type { CaseDetails, CaseRecord } from '../../../../main/contract/case';
import { caseDetailsParts, mergeDocuments, type Choice, type DocumentMerge } from '../../../../main/domain/merge';
import { call } from '../../api/client';
import type { Conflict } from '../../drafts/useDraftAutosave';

/**
 * A case saved over a version someone else replaced: merged three ways with the details the form
 * was opened with. Fields changed on one side only are combined and saved without asking; fields
 * changed on both are put to the officer, on the same conflict screen as the interview's.
 */
export function useCaseMerge(save: (details: CaseDetails, over: CaseRecord) => Promise<void>) {
  const [pending, setPending] = useState<{ theirs: CaseRecord; merge: DocumentMerge<CaseDetails> } | null>(null);
  const [combined, setCombined] = useState<string[]>([]);

  /** opened: the record the form was filled from; mine: the details the officer is saving. */
  const onStale = useCallback(
    async (opened: CaseRecord, mine: CaseDetails) => {
      const theirs = await call('cases.get', { id: opened.id });
      const merge = mergeDocuments(caseDetailsParts, opened.details, mine, theirs.details);
      setCombined(merge.fromTheirs);
      if (merge.conflicts.length === 0) await save(merge.merged, theirs);
      else setPending({ theirs, merge });
    },
    [save],
  );

  const resolve = useCallback(
    async (choices: Readonly<Record<string, Choice>>) => {
      if (!pending) return;
      setPending(null);
      await save(pending.merge.resolve(choices), pending.theirs);
    },
    [pending, save],
  );

  // One object per conflict: the screen resets its choices and takes focus when this changes.
  const conflict = useMemo<Conflict | null>(() => (pending ? { conflicts: pending.merge.conflicts, fromTheirs: pending.merge.fromTheirs, theirsVersion: pending.theirs.version } : null), [pending]);
  return { onStale, conflict, resolve, combined, clearCombined: useCallback(() => setCombined([]), []) };
}
