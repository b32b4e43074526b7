import type { Interview } from '../../contract/interview';
import { isGroupAnswer } from '../../contract/interview';
import type { MatchResult, Reason } from '../../contract/options';

// Minimum disclosure for the matched options that reach a report. Matching itself uses every
// recorded fact (a domestic-abuse disclosure must still rule out house arrest), but a reason that
// quotes a fact marked not for disclosure must not carry that fact into the document.

/** The interview as it may be disclosed: answers, groups and group cells marked not for disclosure removed. */
export function disclosableInterview(interview: Interview): Interview {
  const answers: Interview['answers'] = {};
  for (const [id, answer] of Object.entries(interview.answers)) {
    if (answer.notForDisclosure) continue;
    if (isGroupAnswer(answer)) {
      answers[id] = { ...answer, rows: answer.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, cell]) => !cell.notForDisclosure))) };
    } else {
      answers[id] = answer;
    }
  }
  return { ...interview, answers };
}

export const WITHHELD_REASON = 'A recorded fact that is not for disclosure decided this (the reason is withheld from the report).';

/**
 * Keeps each option's status from the full match, and each reason only where matching on the
 * disclosable answers alone gives the very same reason; any other reason is replaced by a neutral
 * one, so nothing marked not for disclosure is quoted.
 */
export function withheldReasons(full: MatchResult, disclosable: MatchResult): MatchResult {
  const refKey = (r: { ref: { type: string; id: string } }) => `${r.ref.type}:${r.ref.id}`;
  const alike = new Map(disclosable.items.map((item) => [refKey(item), new Set(item.reasons.map((r) => `${r.ruleId}\u0000${r.message}`))]));
  return {
    ...full,
    items: full.items.map((item) => {
      const same = alike.get(refKey(item)) ?? new Set<string>();
      const reasons: Reason[] = [];
      for (const reason of item.reasons) {
        if (same.has(`${reason.ruleId}\u0000${reason.message}`)) reasons.push(reason);
        else if (!reasons.some((r) => r.key === 'options.withheld')) reasons.push({ ...reason, key: 'options.withheld', params: {}, message: WITHHELD_REASON });
      }
      return { ...item, reasons };
    }),
  };
}
