import { useState } from 'react';
import type { Acknowledgement } from '../../../main/contract/options';

// Acknowledging a check with a reason, the same on the Proposal page (condition checks) and the
// Write the report page (analysis checks): at most one reason being written at a time; recording
// or withdrawing one changes the document being autosaved, and focus returns to the check.

export interface AcknowledgementIds {
  /** The DOM id of a check's item, focused after recording or withdrawing. */
  check(checkId: string): string;
  /** The DOM id of its reason box, focused when it opens. */
  reason(checkId: string): string;
}

export function useAcknowledgements<D extends { acknowledgements: Acknowledgement[] }>(update: (change: (d: D) => D) => void, ids: AcknowledgementIds, focus: (id: string) => void) {
  const [ack, setAck] = useState<{ checkId: string; text: string; error: boolean } | null>(null);
  const record = () => {
    if (!ack) return;
    if (ack.text.trim() === '') {
      setAck({ ...ack, error: true });
      return;
    }
    const { checkId, text } = ack;
    update((d) => ({ ...d, acknowledgements: [...d.acknowledgements.filter((a) => a.checkId !== checkId), { checkId, reason: text.trim() }] }));
    setAck(null);
    focus(ids.check(checkId));
  };
  const withdraw = (checkId: string) => {
    update((d) => ({ ...d, acknowledgements: d.acknowledgements.filter((a) => a.checkId !== checkId) }));
    focus(ids.check(checkId));
  };
  const open = (checkId: string) => {
    setAck({ checkId, text: '', error: false });
    focus(ids.reason(checkId));
  };
  const cancel = () => {
    if (ack) focus(ids.check(ack.checkId));
    setAck(null);
  };
  return { ack, setAck, record, withdraw, open, cancel };
}
export type Acknowledgements = ReturnType<typeof useAcknowledgements>;
