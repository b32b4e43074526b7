import { useCallback, useRef, useState } from 'react';
import type { Output } from '../../../../main/contract/api';
import { ReportText } from '../../../../main/contract/reportText';
import { reportTextParts } from '../../../../main/domain/merge';
import { call } from '../../api/client';
import { useDraftAutosave, type Stored } from '../../drafts/useDraftAutosave';

type Saved = Output<'reportText.save'>;

/**
 * The report text being written: held in React state and autosaved by the same mechanism as the
 * interview and the proposal (drafts/), section by section (main/domain/merge.ts).
 */
export function useReportTextDraft(caseId: string, actor: string, stored: Stored<ReportText>, onSaved: () => void) {
  const latest = useRef<ReportText>(stored.doc);
  const setter = useRef<(p: ReportText) => void>(() => undefined);
  const saved = useRef(onSaved);
  saved.current = onSaved;
  const draft = useDraftAutosave<ReportText, Saved>({
    key: { kind: 'reportText', caseId, actor },
    mergeable: reportTextParts,
    stored,
    door: {
      save: (doc, version, saveId, options) => call('reportText.save', { caseId, version, text: doc, saveId }, options),
      open: async () => {
        const record = await call('reportText.get', { caseId });
        return { version: record.version, doc: record.text, updatedAt: record.updatedAt ?? null };
      },
    },
    read: () => latest.current,
    show: (doc) => {
      latest.current = doc;
      setter.current(doc);
    },
    savable: (doc) => ReportText.safeParse(doc).success,
    onSaved: () => saved.current(),
  });
  const [text, setText] = useState<ReportText>(() => {
    latest.current = draft.start;
    return draft.start;
  });
  setter.current = setText;
  const { changed } = draft;
  const update = useCallback(
    (change: (p: ReportText) => ReportText) => {
      latest.current = change(latest.current);
      setText(latest.current);
      changed();
    },
    [changed],
  );
  return { text, update, draft };
}
