import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import type { ReportLife } from '../contract/lifecycle';
import { addressRefusal, assignRefusal, commentRefusal, editRefusal, openActions, refusal } from '../domain/report/lifecycle';
import { assertTemplateForCase } from '../domain/report/buildReport';
import { renderReportFile } from '../export';
import { storedReadiness } from './reportTextHandlers';
import { actorOf, lifeFacts, takeSnapshot, versionContext, versionPerson, versionTemplate } from './reportLife';
import { templateById } from './storedReport';
import type { Area, CallContext, HandlerPart } from './types';

// The steps of a report's life (main/contract/lifecycle.ts): submit, return, countersign, issue
// and amend, review comments and who writes a case. The rules are domain/report/lifecycle.ts; this
// gathers the facts, refuses what they refuse, and writes the step in one transaction.

type LifecycleMethod = Extract<
  Method,
  'report.life' | 'report.submit' | 'report.return' | 'report.countersign' | 'report.issue' | 'report.amend' | 'review.comment' | 'review.address' | 'cases.assign'
>;
export type { LifecycleMethod };

export function createLifecycleHandlers(area: Area): HandlerPart<LifecycleMethod> {
  const { stores, meta } = area;
  const versions = stores.reportVersions;

  function life(caseId: string, ctx: CallContext): ReportLife {
    const facts = lifeFacts(area, caseId, ctx);
    const editable = editRefusal(facts, 'text');
    const authorId = facts.authorId;
    return {
      caseId,
      author: authorId ? { personId: authorId, name: facts.authorName ?? '' } : null,
      versions: versions.list(caseId),
      current: facts.current,
      comments: [...facts.comments],
      reviewOptional: facts.reviewOptional,
      editable: editable ? { ok: false, reason: editable.details.key ?? editable.message } : { ok: true },
      actions: openActions(facts),
      canComment: facts.actor !== undefined && commentRefusal(facts) === null,
      canAddress: facts.actor !== undefined && addressRefusal(facts) === null,
    };
  }

  /** The acting person; a step of the report's life is always someone's. */
  function acting(ctx: CallContext) {
    const actor = actorOf(ctx);
    if (!actor) throw new AppError('refused', 'Say who is using the app first: add yourself on first start, or choose your name.', { key: 'errors.whoIsUsing' });
    return actor;
  }

  /** Refuses a report that is not ready for a court (the Write the report page's readiness check). */
  function assertReady(caseId: string, ctx: CallContext) {
    const readiness = storedReadiness(area, caseId, ctx.actor);
    if (readiness.ready) return;
    const first = readiness.blockers[0]!;
    throw new AppError('refused', `The report is not ready: finish what the Write the report page lists first (${readiness.blockers.length} open).`, {
      key: 'errors.lifecycle.notReady',
      params: { count: readiness.blockers.length, first: first.message.key },
    });
  }

  return {
    'report.life': ({ caseId }, ctx) => life(caseId, ctx),

    'report.submit': ({ caseId, templateId, comment }, ctx) => {
      const actor = acting(ctx);
      const facts = lifeFacts(area, caseId, ctx);
      const refused = refusal('submit', facts);
      if (refused) throw refused;
      assertTemplateForCase(templateById(area, templateId), stores.cases.get(caseId).details);
      assertReady(caseId, ctx);
      const by = versionPerson(actor, area.services.now().toISOString());
      area.services.db.transaction(() => {
        if (!facts.authorId) versions.assign(caseId, actor.personId, meta(ctx));
        versions.step(caseId, facts.current?.state ?? null, { state: 'submitted', by, templateId, snapshot: takeSnapshot(area, caseId, templateId) }, facts.current?.author ?? by, comment ? { sectionId: null, body: comment } : null, meta(ctx));
      }).immediate();
      return life(caseId, ctx);
    },

    'report.return': ({ caseId, comment }, ctx) => {
      const actor = acting(ctx);
      const facts = lifeFacts(area, caseId, ctx);
      const refused = refusal('return', facts, comment !== undefined);
      if (refused) throw refused;
      const by = versionPerson(actor, area.services.now().toISOString());
      versions.step(caseId, 'submitted', { state: 'returned', by }, by, comment ? { sectionId: null, body: comment } : null, meta(ctx));
      return life(caseId, ctx);
    },

    'report.countersign': ({ caseId, comment }, ctx) => {
      const actor = acting(ctx);
      const facts = lifeFacts(area, caseId, ctx);
      const refused = refusal('countersign', facts);
      if (refused) throw refused;
      const by = versionPerson(actor, area.services.now().toISOString());
      versions.step(caseId, 'submitted', { state: 'countersigned', by }, by, comment ? { sectionId: null, body: comment } : null, meta(ctx));
      return life(caseId, ctx);
    },

    'report.issue': async ({ caseId, templateId }, ctx) => {
      const actor = acting(ctx);
      const facts = lifeFacts(area, caseId, ctx);
      const refused = refusal('issue', facts);
      if (refused) throw refused;
      const current = facts.current;
      // Issued straight from a draft (review optional): the draft is frozen now, on the template asked for.
      const fromDraft = !current || current.state === 'draft' || current.state === 'returned';
      const template = versionTemplate(area, caseId, fromDraft ? null : current, templateId);
      assertTemplateForCase(template, stores.cases.get(caseId).details);
      if (fromDraft) assertReady(caseId, ctx);
      const at = area.services.now().toISOString();
      const by = versionPerson(actor, at);
      const snapshot = fromDraft ? takeSnapshot(area, caseId, template.id) : undefined;
      // The hash the issued document prints: of the report as issued, worked out before it is written.
      const issuedVersion = {
        ...(current ?? { caseId, number: 1, templateId: template.id, author: by, submitted: null, returned: null, countersigned: null, contentHash: null, amends: null }),
        state: 'issued' as const,
        templateId: template.id,
        issued: by,
      };
      const context = versionContext(area, caseId, template, issuedVersion, ctx, undefined, snapshot);
      const rendered = await renderReportFile(context, template, { jurisdiction: area.services.jurisdiction });
      area.services.db.transaction(() => {
        if (!facts.authorId) versions.assign(caseId, actor.personId, meta(ctx));
        versions.step(
          caseId,
          current?.state ?? null,
          { state: 'issued', by, templateId: template.id, ...(snapshot ? { snapshot } : {}), contentHash: rendered.contentHash },
          current?.author ?? by,
          null,
          meta(ctx),
        );
      }).immediate();
      return life(caseId, ctx);
    },

    'report.amend': ({ caseId, reason }, ctx) => {
      const actor = acting(ctx);
      const facts = lifeFacts(area, caseId, ctx);
      const refused = refusal('amend', facts);
      if (refused) throw refused;
      versions.amend(caseId, facts.current!.number, versionPerson(actor, area.services.now().toISOString()), reason.trim(), meta(ctx));
      return life(caseId, ctx);
    },

    'review.comment': ({ caseId, sectionId, body }, ctx) => {
      const actor = acting(ctx);
      const facts = lifeFacts(area, caseId, ctx);
      const refused = commentRefusal(facts);
      if (refused) throw refused;
      versions.comment(caseId, facts.current!.number, { sectionId, body }, versionPerson(actor, area.services.now().toISOString()), meta(ctx));
      return life(caseId, ctx);
    },

    'review.address': ({ caseId, commentId, note }, ctx) => {
      const actor = acting(ctx);
      const facts = lifeFacts(area, caseId, ctx);
      const refused = addressRefusal(facts);
      if (refused) throw refused;
      const comment = facts.comments.find((c) => c.id === commentId);
      if (!comment) throw new AppError('not_found', 'This report has no such review comment.', { path: '$.commentId', key: 'errors.lifecycle.noComment' });
      if (comment.addressed) throw new AppError('refused', 'This comment is already marked addressed.', { path: '$.commentId', key: 'errors.lifecycle.alreadyAddressed' });
      versions.address(caseId, commentId, versionPerson(actor, area.services.now().toISOString()), note?.trim() ? note.trim() : null, meta(ctx));
      return life(caseId, ctx);
    },

    'cases.assign': ({ caseId, personId }, ctx) => {
      const facts = lifeFacts(area, caseId, ctx);
      const target = stores.people.get(personId);
      const authorRole = facts.authorId ? (stores.people.find(facts.authorId)?.role ?? null) : null;
      const refused = assignRefusal(facts, { personId, role: target.role, authorRole });
      if (refused) throw refused;
      versions.assign(caseId, personId, meta(ctx));
      return life(caseId, ctx);
    },
  };
}
