import jsonLogic from 'json-logic-js';
import type { RuleValue } from '../../contract/form';
import type { Answer, AnswerEntry, AnswerValue } from '../../contract/interview';
import { isGroupAnswer } from '../../contract/interview';
import type { RuleFacts } from './facts';

// Rules are JSON Logic, evaluated by json-logic-js in the renderer and in main alike. A rule sees
// the facts (`isWoman`, `isYoungAdult`, ...), `answers.<fieldId>` and, inside a repeatable group,
// `row.<subFieldId>`. A declined, missing or hidden answer reads as null.

export type RuleData = RuleFacts & { answers: Record<string, unknown>; row?: Record<string, unknown> };

/** Absent rule means `fallback`; otherwise JSON Logic truthiness (an empty list is false). */
export function ruleHolds(rule: RuleValue | undefined, data: RuleData, fallback: boolean): boolean {
  if (rule === undefined) return fallback;
  return jsonLogic.truthy(jsonLogic.apply(rule as never, data));
}

/** The value a rule sees for one answer entry. */
export function ruleValueOf(entry: AnswerEntry | undefined): AnswerValue {
  if (!entry || entry.status !== 'answered' || entry.value === undefined) return null;
  return entry.value;
}

/** Rows of a group as rules see them: a list of `{subFieldId: value}`; null when declined or absent. */
export function ruleRowsOf(answer: Answer | undefined): Array<Record<string, AnswerValue>> | null {
  if (!answer || answer.status !== 'answered' || !isGroupAnswer(answer)) return null;
  return answer.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, e]) => [k, ruleValueOf(e)])));
}

/** Puts `value` at the dotted `fieldId` inside `answers` (`finance.monthlyIncome` -> answers.finance.monthlyIncome). */
export function setDotted(target: Record<string, unknown>, fieldId: string, value: unknown): void {
  const parts = fieldId.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1] as string] = value;
}
