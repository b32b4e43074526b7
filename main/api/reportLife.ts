import { z } from 'zod';
import { CaseDetails } from '../contract/case';
import { AppError } from '../contract/errors';
import { translator } from '../contract/messages';
import { Interview } from '../contract/interview';
import type { ReportVersion, VersionPerson } from '../contract/lifecycle';
import { Programme, Proposal } from '../contract/options';
import type { ReportContext, ReportTemplate } from '../contract/report';
import { ReportText } from '../contract/reportText';
import { isoDate } from '../contract/text';
import { buildReport, reportLanguageOf } from '../domain/report/buildReport';
import { amendmentChanges } from '../domain/report/amendment';
import { editRefusal, type Actor, type LifeFacts } from '../domain/report/lifecycle';
import { localDate } from '../domain/localDate';
import { shippedCatalogue } from '../loaders/shipped';
import { reportLanguageFor, templateById } from './storedReport';
import type { Area, CallContext } from './types';

// The report's life as the handlers see it (main/contract/lifecycle.ts): the facts the rules in
// domain/report/lifecycle.ts decide on, the guard every call that changes a case passes, and the
// report a version prints: what was submitted or issued (its snapshot), or the live draft.

/** What a version was when it went for review or was issued: everything its report is built from. */
export const VersionSnapshot = z.strictObject({
  templateId: z.string(),
  details: CaseDetails,
  interview: Interview.nullable(),
  proposal: Proposal.optional(),
  /** Local programmes as they stood, so a later edit of a programme never changes an issued report. */
  programmes: z.array(z.object(Programme.shape)),
  reportText: ReportText.optional(),
  /** The date the report bears. */
  reportDate: isoDate,
});
export type VersionSnapshot = z.infer<typeof VersionSnapshot>;

/** The acting person, as the rules see them; undefined for an in-process caller that names no person. */
export function actorOf(ctx: CallContext): Actor | undefined {
  return ctx.person ? { personId: ctx.person.id, name: ctx.person.fullName, role: ctx.person.role } : undefined;
}

export function versionPerson(actor: Actor, at: string): VersionPerson {
  return { personId: actor.personId, name: actor.name, role: actor.role, at };
}

/** Whether the case's report type may be issued without review, per the jurisdiction data. */
export function reviewOptionalFor(area: Area, caseId: string): boolean {
  const type = area.stores.cases.get(caseId).details.reportType;
  return (area.services.jurisdiction.reviewOptional ?? []).includes(type);
}

export function lifeFacts(area: Area, caseId: string, ctx: CallContext): LifeFacts {
  const { stores } = area;
  stores.cases.get(caseId);
  const authorId = stores.reportVersions.authorOf(caseId);
  return {
    actor: actorOf(ctx),
    authorId,
    authorName: authorId ? (stores.people.find(authorId)?.fullName ?? null) : null,
    current: stores.reportVersions.latest(caseId),
    comments: stores.reportVersions.comments(caseId),
    reviewOptional: reviewOptionalFor(area, caseId),
  };
}

/**
 * Refuses a change to the case by anyone but its author, and any change while the report is with
 * the reviewer, countersigned or issued: at every door, before anything is written.
 */
export function assertEditable(area: Area, caseId: string, ctx: CallContext, part: 'case' | 'interview' | 'proposal' | 'text'): void {
  const refused = editRefusal(lifeFacts(area, caseId, ctx), part);
  if (refused) throw refused;
}

/** The case's live report data, frozen as a version's snapshot on `template`. */
export function takeSnapshot(area: Area, caseId: string, templateId: string): VersionSnapshot {
  const { stores, services } = area;
  const proposal = stores.proposals.find(caseId)?.proposal;
  const reportText = stores.reportTexts.find(caseId)?.text;
  return {
    templateId,
    details: stores.cases.get(caseId).details,
    interview: stores.interviews.find(caseId)?.interview ?? null,
    ...(proposal ? { proposal } : {}),
    programmes: stores.programmes.list(true).map((p) => z.object(Programme.shape).parse(p)),
    ...(reportText ? { reportText } : {}),
    reportDate: localDate(services.now()),
  };
}

/** The version whose report is shown: the one asked for, or the latest. */
export function versionToShow(area: Area, caseId: string, number: number | undefined): ReportVersion | null {
  const { reportVersions } = area.stores;
  if (number !== undefined) return reportVersions.get(caseId, number);
  return reportVersions.latest(caseId);
}

/** A version's report reads its snapshot while it is with the reviewer, countersigned or issued; a draft reads the live case. */
const FROZEN = new Set(['submitted', 'countersigned', 'issued']);

export function snapshotOf(area: Area, version: ReportVersion): VersionSnapshot | null {
  if (!FROZEN.has(version.state)) return null;
  return area.stores.reportVersions.snapshot(version.caseId, version.number, VersionSnapshot);
}

const dateOf = (at: string | undefined) => (at ? at.slice(0, 10) : undefined);

/** A version's person as the report signs them: their name, their role in the report's words, the date. */
function signatory(p: VersionPerson, date: string | undefined, template: ReportTemplate) {
  const t = translator(reportLanguageOf(template));
  return { name: p.name, role: t(`report.role.${p.role}`, { defaultValue: p.role }), ...(date ? { date } : {}) };
}

/**
 * The report context of a case's version on `template`: from the version's snapshot once it is
 * frozen, else from the live case; signed by the version's author and countersigner, final only
 * when issued. Without a version (nothing submitted yet) it is the live draft by the case's author.
 */
export function versionContext(
  area: Area,
  caseId: string,
  template: ReportTemplate,
  version: ReportVersion | null,
  ctx: CallContext,
  text?: ReportText,
  snapshot?: VersionSnapshot,
  withAmendment = true,
): ReportContext {
  const { services, stores } = area;
  const frozen = snapshot ?? (version ? snapshotOf(area, version) : null);
  const live = frozen ?? {
    details: stores.cases.get(caseId).details,
    interview: stores.interviews.find(caseId)?.interview ?? null,
    proposal: stores.proposals.find(caseId)?.proposal,
    programmes: stores.programmes.list(true),
    reportText: text ?? stores.reportTexts.find(caseId)?.text,
    reportDate: localDate(services.now()),
  };
  const authorId = stores.reportVersions.authorOf(caseId);
  const caseAuthor = authorId ? stores.people.find(authorId) : null;
  const author = version?.author ?? (caseAuthor ? { name: caseAuthor.fullName, role: caseAuthor.role } : { name: ctx.actor, role: ctx.person?.role });
  const issuedOn = dateOf(version?.issued?.at);
  const context = buildReport({
    details: live.details,
    interview: live.interview,
    proposal: live.proposal,
    programmes: live.programmes,
    forms: services.forms,
    catalogue: (services.catalogue ?? shippedCatalogue()).compiled,
    template,
    youngAdultUpperAge: services.jurisdiction.youngAdultUpperAge,
    jurisdictionOptions: services.jurisdiction.options,
    reportDate: issuedOn ?? live.reportDate,
    authorName: author.name,
    authorRole: author.role,
    language: reportLanguageOf(template),
    reportText: live.reportText,
  });
  if (!version) return context;
  const amendment = withAmendment && version.amends ? amendmentOf(area, caseId, template, version.amends, context, ctx) : undefined;
  return {
    ...context,
    ...(amendment ? { amendment } : {}),
    status: version.state === 'issued' ? 'final' : 'draft',
    author: signatory(version.author, issuedOn ?? dateOf(version.submitted?.at), template),
    ...(version.countersigned ? { countersigner: signatory(version.countersigned, dateOf(version.countersigned.at), template) } : {}),
    version: { number: version.number, state: version.state, ...(issuedOn ? { issuedOn } : {}) },
  };
}

/**
 * What an amending version changed since the issued version it amends: both built on the same
 * template, so a section is compared with itself, and the changes computed, never typed again.
 */
function amendmentOf(area: Area, caseId: string, template: ReportTemplate, amends: NonNullable<ReportVersion['amends']>, after: ReportContext, ctx: CallContext): ReportContext['amendment'] {
  const earlier = area.stores.reportVersions.get(caseId, amends.number);
  const before = versionContext(area, caseId, template, earlier, ctx, undefined, undefined, false);
  return {
    amendsVersion: amends.number,
    amendsIssuedOn: dateOf(earlier.issued?.at) ?? before.reportDate,
    reason: amends.reason,
    changes: amendmentChanges(before, after, template),
  };
}

/**
 * The template a version prints with: the one it was submitted or issued on, else the one asked
 * for; in the language of the case as it was frozen (or as it is, for a draft). A draft may be
 * printed in another language when one is asked for; a frozen version prints only as it was sent.
 */
export function versionTemplate(area: Area, caseId: string, version: ReportVersion | null, asked: string | undefined, language?: string): ReportTemplate {
  const frozen = version && FROZEN.has(version.state) ? version : null;
  const id = frozen?.templateId ?? asked;
  if (!id) throw new AppError('invalid_input', 'Choose the report template.', { path: '$.templateId', key: 'errors.lifecycle.templateNeeded' });
  const details = (frozen ? snapshotOf(area, frozen)?.details : undefined) ?? area.stores.cases.get(caseId).details;
  const own = reportLanguageFor(area, details);
  if (frozen && language && language !== own) {
    throw new AppError('refused', `Version ${frozen.number} was written in "${own}" when it was ${frozen.state}; it prints in that language only.`, {
      path: '$.language',
      key: 'report.errors.frozenLanguage',
      params: { version: frozen.number, language: own },
    });
  }
  return templateById(area, id, language ?? own);
}
