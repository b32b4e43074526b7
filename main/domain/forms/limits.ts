import { invalidInput, type ApiIssue } from '../../contract/errors';
import type { FormIssue } from './evaluate';

// A question's limit comes from the form data; whether going over it is refused depends on where
// the answer comes from. The officer typing a draft keeps an over-long answer (nothing typed is
// lost, the screen shows the count); a case file is someone's finished work and is refused whole;
// an export refuses, naming the question, rather than print an answer the form does not allow.

/** Issue keys that make an answer unfit for a report: over its question's limit (characters or rows), or a broken character. */
const OVER_A_LIMIT = new Set(['validation.tooLong', 'validation.tooMany', 'validation.brokenCharacter']);
/** A lone surrogate cannot be typed in the screen: it is refused at every save, never kept as a draft. */
const NEVER_TYPED = new Set(['validation.brokenCharacter']);

/** True for an issue a save refuses outright instead of keeping it in the draft. */
export function refusedAtSave(issue: FormIssue): boolean {
  return issue.key !== undefined && NEVER_TYPED.has(issue.key);
}

/** The answers over a limit, with their paths under `prefix` (`$.interview.answers.<questionId>`). */
export function limitIssues(issues: readonly FormIssue[], prefix = '$.interview'): ApiIssue[] {
  return issues
    .filter((i) => i.key !== undefined && OVER_A_LIMIT.has(i.key))
    .map((i) => ({ path: prefix + i.path.slice(1), message: i.message, ...(i.key ? { key: i.key } : {}), ...(i.params ? { params: i.params } : {}) }));
}

/** Refuses (invalid_input, naming each question) when any answer is over its limit. */
export function assertWithinLimits(issues: readonly FormIssue[], prefix = '$.interview'): void {
  const over = limitIssues(issues, prefix);
  if (over.length > 0) throw invalidInput(over);
}
