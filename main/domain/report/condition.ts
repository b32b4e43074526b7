import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';

// Template sections are shown or left out by JSON Logic rules over the report context: the same
// rule language the interview forms use. Templates are checked on load to use only comparison and
// logic operators (contract/report.ts `conditionProblems`), so a rule cannot run code.

/** Whether a section's rule holds for `data`. No rule means the section always applies. */
export function ruleHolds(rule: unknown, data: unknown): boolean {
  if (rule === undefined) return true;
  return jsonLogic.truthy(jsonLogic.apply(rule as RulesLogic, data));
}
