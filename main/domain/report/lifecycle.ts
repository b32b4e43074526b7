import { AppError } from '../../contract/errors';
import type { LifecycleAction, ReportVersion, ReviewComment, VersionState } from '../../contract/lifecycle';
import type { Role } from '../../contract/people';

// Who may take which step of a report's life (docs/DOMAIN.md, a report's life). Pure: the handlers
// give the facts, this says yes or why not, so every door refuses the same step with the same
// words. The roles a call needs at all are in the contract (`roles`); this adds what depends on the
// case: only its author edits and issues, only a senior officer who is not the author reviews and
// countersigns, and each step only from the states it follows.

export interface Actor {
  personId: string;
  name: string;
  role: Role;
}

export interface LifeFacts {
  /** The person acting; absent for an in-process caller that names no person (a tool, a test of the store). */
  actor: Actor | undefined;
  /** The case's author, null while nobody has written it (a case from before people were recorded). */
  authorId: string | null;
  authorName: string | null;
  current: ReportVersion | null;
  comments: readonly ReviewComment[];
  /** The report type may be issued without review (jurisdiction data). */
  reviewOptional: boolean;
}

const WRITERS: readonly Role[] = ['probation_officer', 'senior_probation_officer'];

/** The states a step may be taken from. `null` is a case whose report has no version yet. */
const FROM: Record<LifecycleAction, readonly (VersionState | null)[]> = {
  submit: [null, 'draft', 'returned'],
  return: ['submitted'],
  countersign: ['submitted'],
  issue: ['countersigned'],
  amend: ['issued'],
};

const stateOf = (facts: LifeFacts): VersionState | null => facts.current?.state ?? null;

/** The open (not yet addressed) comments on the current version. */
export function openComments(facts: Pick<LifeFacts, 'current' | 'comments'>): ReviewComment[] {
  const n = facts.current?.number;
  return facts.comments.filter((c) => c.versionNumber === n && c.addressed === null);
}

const isAuthor = (facts: LifeFacts) => facts.actor !== undefined && (facts.authorId === null || facts.authorId === facts.actor.personId);

function notAuthor(facts: LifeFacts, action: LifecycleAction | 'edit'): AppError {
  return new AppError('forbidden', `Only the report's author, ${facts.authorName ?? 'who writes it'}, can do this.`, {
    key: 'errors.lifecycle.notAuthor',
    params: { name: facts.authorName ?? '', action },
  });
}

function wrongState(state: VersionState | null, action: LifecycleAction): AppError {
  return new AppError('refused', `A report that is ${state ?? 'not yet written'} cannot be ${action === 'return' ? 'returned' : `${action}ed`} now.`, {
    key: 'errors.lifecycle.wrongState',
    params: { state: state ?? 'none', action },
  });
}

/**
 * Why the actor may not take `action` now, or null when they may. `withComment` says the call
 * brings a comment of its own (a return needs one, here or anchored to a section).
 */
export function refusal(action: LifecycleAction, facts: LifeFacts, withComment = false): AppError | null {
  const actor = facts.actor;
  if (!actor) return null;
  const state = stateOf(facts);
  switch (action) {
    case 'submit':
    case 'issue':
    case 'amend': {
      if (!WRITERS.includes(actor.role)) return needs(WRITERS);
      if (!isAuthor(facts)) return notAuthor(facts, action);
      const from = action === 'issue' && facts.reviewOptional ? [...FROM.issue, ...FROM.submit] : FROM[action];
      if (!from.includes(state)) {
        if (action === 'issue' && FROM.submit.includes(state)) {
          return new AppError('refused', 'This kind of report is issued after a senior officer countersigns it: submit it for review first.', { key: 'errors.lifecycle.reviewNeeded' });
        }
        return wrongState(state, action);
      }
      if (action === 'submit' && openComments(facts).length > 0) {
        const count = openComments(facts).length;
        return new AppError('refused', `Mark each review comment addressed before submitting again: ${count} open.`, { key: 'errors.lifecycle.openComments', params: { count } });
      }
      return null;
    }
    case 'return':
    case 'countersign': {
      if (actor.role !== 'senior_probation_officer') return needs(['senior_probation_officer']);
      if (facts.authorId === actor.personId) return ownReport();
      if (!FROM[action].includes(state)) return wrongState(state, action);
      if (action === 'return' && !withComment && openComments(facts).length === 0) {
        return new AppError('refused', 'Say what needs changing: add a comment before returning the report.', { key: 'errors.lifecycle.returnNeedsComment', path: '$.comment' });
      }
      return null;
    }
  }
}

function needs(roles: readonly Role[]): AppError {
  const words = roles.map((r) => r.replace(/_/g, ' ')).join(' or ');
  return new AppError('forbidden', `This needs the ${words} role.`, { key: 'errors.needsRole', params: { role: roles.join(',') } });
}

function ownReport(): AppError {
  return new AppError('forbidden', 'A senior officer who is not the author reviews and countersigns: you wrote this report.', { key: 'errors.lifecycle.ownReport' });
}

/** Whether the actor may leave a review comment now: a senior officer, not the author, on a submitted version. */
export function commentRefusal(facts: LifeFacts): AppError | null {
  const actor = facts.actor;
  if (!actor) return null;
  if (actor.role !== 'senior_probation_officer') return needs(['senior_probation_officer']);
  if (facts.authorId === actor.personId) return ownReport();
  if (stateOf(facts) !== 'submitted') {
    return new AppError('refused', 'Comments are left on a report submitted for review.', { key: 'errors.lifecycle.commentNotUnderReview' });
  }
  return null;
}

/** Whether the actor may mark a comment addressed: the author, while the report is back with them. */
export function addressRefusal(facts: LifeFacts): AppError | null {
  const actor = facts.actor;
  if (!actor) return null;
  if (!WRITERS.includes(actor.role)) return needs(WRITERS);
  if (!isAuthor(facts)) return notAuthor(facts, 'edit');
  const state = stateOf(facts);
  if (state === 'submitted' || state === 'countersigned' || state === 'issued') return editRefusalForState(state);
  return null;
}

function editRefusalForState(state: VersionState): AppError {
  if (state === 'issued') return new AppError('refused', 'This report has been issued and cannot be changed: amend it to make a new version.', { key: 'errors.lifecycle.issued' });
  if (state === 'countersigned') return new AppError('refused', 'This report is countersigned and waits to be issued: it cannot be changed now.', { key: 'errors.lifecycle.countersigned' });
  return new AppError('refused', 'This report is with the reviewer: it can be changed when it is returned.', { key: 'errors.lifecycle.withReviewer' });
}

/**
 * Whether the actor may change the case (its details, interview, proposal or written text) now.
 * `part` is what the call changes: a screener changes only the case details and the interview of
 * an inquiry they prepare.
 */
export function editRefusal(facts: LifeFacts, part: 'case' | 'interview' | 'proposal' | 'text'): AppError | null {
  const actor = facts.actor;
  if (!actor) return null;
  if (actor.role === 'administrator') return needs(part === 'case' || part === 'interview' ? [...WRITERS, 'screener'] : WRITERS);
  if (actor.role === 'screener' && (part === 'proposal' || part === 'text')) return needs(WRITERS);
  if (!isAuthor(facts)) return notAuthor(facts, 'edit');
  const state = stateOf(facts);
  if (state === 'submitted' || state === 'countersigned' || state === 'issued') return editRefusalForState(state);
  return null;
}

/** Who may make `personId` (with `role`) the case's author. */
export function assignRefusal(facts: LifeFacts, target: { personId: string; role: Role; authorRole: Role | null }): AppError | null {
  const actor = facts.actor;
  if (!actor) return null;
  if (target.role !== 'probation_officer' && target.role !== 'senior_probation_officer' && target.role !== 'screener') {
    return new AppError('refused', 'A case is written by a probation officer, a senior probation officer or, for an inquiry, a screener.', { key: 'errors.lifecycle.assignRole', path: '$.personId' });
  }
  const state = stateOf(facts);
  if (state === 'submitted' || state === 'countersigned') return editRefusalForState(state);
  if (actor.role === 'senior_probation_officer' || actor.role === 'administrator') return null;
  // An officer takes, for themselves, a case nobody writes yet or a screener's inquiry.
  const takesForSelf = target.personId === actor.personId;
  if (takesForSelf && (facts.authorId === null || target.authorRole === 'screener' || facts.authorId === actor.personId)) return null;
  return new AppError('forbidden', 'A senior probation officer or an administrator assigns a case written by someone else.', { key: 'errors.lifecycle.assignOthers' });
}

/** The steps open to the actor now, for the screen to offer (each one is checked again when taken). */
export function openActions(facts: LifeFacts): LifecycleAction[] {
  if (!facts.actor) return [];
  return (['submit', 'return', 'countersign', 'issue', 'amend'] as const).filter((a) => refusal(a, facts, a === 'return') === null);
}
