import { z } from 'zod';
import { entry } from './entry';
import { Role } from './people';
import { VersionState } from './report';
import { reportSectionId } from './reportText';
import { entityId, multiLine } from './text';

// A report's life (docs/DOMAIN.md, a report's life): each case has numbered report versions.
// A version is written as a draft, submitted for review, returned with comments or countersigned,
// and issued; an issued version never changes (the store refuses it), and amending one starts the
// next version with a reason. Who may take each step is decided in the core (domain/report/
// lifecycle.ts), so every door refuses the same steps with the same words.

export { versionStates, VersionState } from './report';

export const lifecycleActions = ['submit', 'return', 'countersign', 'issue', 'amend'] as const;
export const LifecycleAction = z.enum(lifecycleActions);
export type LifecycleAction = z.infer<typeof LifecycleAction>;

/** The template a report version is written on ("full-report"). */
const templateId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'Must be a template id such as "full-report".' }).max(100);

const timestamp = z.iso.datetime({ offset: true });

/** A person as a version names them: kept with the version, so a later change of name or role never rewrites what was signed. */
export const VersionPerson = z.strictObject({
  personId: entityId,
  name: z.string(),
  role: Role,
  at: timestamp,
});
export type VersionPerson = z.infer<typeof VersionPerson>;

export const ReportVersion = z.strictObject({
  caseId: entityId,
  number: z.number().int().min(1),
  state: VersionState,
  templateId: templateId.nullable(),
  author: VersionPerson,
  submitted: VersionPerson.nullable(),
  returned: VersionPerson.nullable(),
  countersigned: VersionPerson.nullable(),
  issued: VersionPerson.nullable(),
  /** sha256 of the issued report's content, printed in its footer and checked by `psr verify`. */
  contentHash: z.string().nullable(),
  /** The issued version this one amends, and why. */
  amends: z.strictObject({ number: z.number().int().min(1), reason: z.string() }).nullable(),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

export const ReviewComment = z.strictObject({
  id: entityId,
  caseId: entityId,
  versionNumber: z.number().int().min(1),
  /** The report section the comment is about, or null for the report as a whole. */
  sectionId: reportSectionId.nullable(),
  body: z.string(),
  by: VersionPerson,
  addressed: VersionPerson.nullable(),
  /** What the author did about it, when they said. */
  addressedNote: z.string().nullable(),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

/** Where a case's report stands, for the acting person: the versions, the comments and the steps open to them. */
export const ReportLife = z.strictObject({
  caseId: entityId,
  /** The case's author: the only person who edits its draft. Null for a case nobody has written yet. */
  author: z.strictObject({ personId: entityId, name: z.string() }).nullable(),
  versions: z.array(ReportVersion),
  /** The version being worked on (the latest), null before the first report is written. */
  current: ReportVersion.nullable(),
  comments: z.array(ReviewComment),
  /** Whether the report type may be issued without review (jurisdiction data). */
  reviewOptional: z.boolean(),
  /** Whether the acting person may edit the case's draft now, and if not, why (a message key). */
  editable: z.strictObject({ ok: z.boolean(), reason: z.string().optional() }),
  /** The steps the acting person may take now; every other step is refused with its reason. */
  actions: z.array(LifecycleAction),
  /** Whether the acting person may comment (a reviewer on a submitted version) or mark comments addressed (the author). */
  canComment: z.boolean(),
  canAddress: z.boolean(),
});
export type ReportLife = z.infer<typeof ReportLife>;

export const COMMENT_MAX = 4000;
export const REASON_MAX = 2000;

/** Words a person writes (a comment, a reason): several lines, not blank. */
function words(max: number, key: string, required: string) {
  return multiLine(max).refine((s) => s.trim().length > 0, { message: required, params: { key } });
}
const comment = words(COMMENT_MAX, 'validation.lifecycle.comment', 'Write the comment.');
const reason = words(REASON_MAX, 'validation.lifecycle.reason', 'Say why the issued report is being amended.');

const WRITERS = ['probation_officer', 'senior_probation_officer'] as const;
const REVIEWERS = ['senior_probation_officer'] as const;

export const lifecycleEntries = {
  'report.life': entry({
    input: z.strictObject({ caseId: entityId }),
    output: ReportLife,
    access: 'any',
    writes: false,
  }),
  'report.submit': entry({
    // The author sends the report, as it prints on `templateId`, to a senior officer for review.
    input: z.strictObject({ caseId: entityId, templateId, comment: comment.optional() }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: WRITERS,
  }),
  'report.return': entry({
    // A return says what needs changing: a comment here or comments already left on sections.
    input: z.strictObject({ caseId: entityId, comment: comment.optional() }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: REVIEWERS,
  }),
  'report.countersign': entry({
    input: z.strictObject({ caseId: entityId, comment: comment.optional() }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: REVIEWERS,
  }),
  'report.issue': entry({
    // templateId is needed only when issuing straight from a draft (review optional for the report type).
    input: z.strictObject({ caseId: entityId, templateId: templateId.optional() }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: WRITERS,
  }),
  'report.amend': entry({
    input: z.strictObject({ caseId: entityId, reason }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: WRITERS,
  }),
  'review.comment': entry({
    input: z.strictObject({ caseId: entityId, sectionId: reportSectionId.nullable(), body: comment }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: REVIEWERS,
  }),
  'review.address': entry({
    input: z.strictObject({ caseId: entityId, commentId: entityId, note: multiLine(COMMENT_MAX).optional() }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: WRITERS,
  }),
  'cases.assign': entry({
    // Who writes the case: an officer takes an unassigned case or a screener's inquiry; a senior
    // officer or an administrator gives a case to anyone who writes cases.
    input: z.strictObject({ caseId: entityId, personId: entityId }),
    output: ReportLife,
    access: 'any',
    writes: true,
    roles: ['probation_officer', 'senior_probation_officer', 'administrator'],
  }),
} as const;
