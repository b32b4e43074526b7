import type { Method } from '../contract/api';
import type { Jurisdiction } from '../contract/jurisdiction';
import type { ReportTemplate } from '../contract/report';
import { emptyReportText, type ReportChecks, type ReportText } from '../contract/reportText';
import { checkConditions } from '../domain/options';
import { caseProfile, checkLanguage, programmesToMatch } from '../domain/options/caseMatch';
import { formForReportType } from '../domain/interviewRules';
import { templatesForCase } from '../domain/report/buildReport';
import { assertKnownSections, draftFor, reportChecks, writableSections, writingSections } from '../domain/report/writing';
import { shippedCatalogue } from '../loaders/shipped';
import { reportTemplates, storedReportContext, writingTemplate } from './storedReport';
import { assertEditable } from './reportLife';
import type { Area, HandlerPart } from './types';

// The report in the officer's own words (docs/DOMAIN.md, writing the report): the sections to
// write with their evidence, the saved text, the draft from the recorded facts and the checks.
// All of it is computed by domain/report/writing.ts over the one report pipeline's context.

type ReportTextMethod = Extract<Method, `reportText.${string}`>;

/** The service's words to avoid in the report's language (then its base language). */
export function avoidWordsFor(jurisdiction: Jurisdiction, template: ReportTemplate): { word: string; suggestion: string }[] {
  const lang = template.locale ?? template.language;
  const all = jurisdiction.avoidWords ?? {};
  return all[lang] ?? all[lang.split('-')[0] ?? lang] ?? [];
}

/** The report's checks over `text`, with their inputs from the store: the proposal, the assessed needs and the open condition checks. */
export function storedChecks(area: Area, caseId: string, text: ReportText, actor: string): ReportChecks {
  const { services, stores } = area;
  const catalogue = () => (services.catalogue ?? shippedCatalogue()).compiled;
  const template = writingTemplate(area, caseId);
  const context = storedReportContext(area, caseId, template, { actor, text });
  const details = stores.cases.get(caseId).details;
  const proposal = stores.proposals.find(caseId)?.proposal;
  const programmes = programmesToMatch(stores.programmes.list(true), proposal);
  const profile = caseProfile({
    details,
    interview: stores.interviews.find(caseId)?.interview ?? null,
    form: formForReportType(services.forms, details.reportType),
    catalogue: catalogue(),
    programmes,
    proposal,
    youngAdultUpperAge: services.jurisdiction.youngAdultUpperAge,
    jurisdictionOptions: services.jurisdiction.options,
    language: template.language,
  });
  const open = proposal ? checkConditions(proposal, profile, checkLanguage({ language: template.language, catalogue: catalogue() }), catalogue(), programmes).open : 0;
  return reportChecks({
    template,
    context,
    text,
    proposal,
    needs: [...new Set(profile.needs.map((n) => n.need))],
    avoidWords: avoidWordsFor(services.jurisdiction, template),
    openConditionChecks: open,
  });
}

/** The checks over the saved text: whether the report is ready to go to a court (submit, issue). */
export function storedReadiness(area: Area, caseId: string, actor: string): ReportChecks['readiness'] {
  return storedChecks(area, caseId, area.stores.reportTexts.find(caseId)?.text ?? emptyReportText(), actor).readiness;
}

export function createReportTextHandlers(area: Area): HandlerPart<ReportTextMethod> {
  const { stores } = area;

  return {
    'reportText.get': ({ caseId }, ctx) => {
      const template = writingTemplate(area, caseId);
      const stored = stores.reportTexts.find(caseId);
      const context = storedReportContext(area, caseId, template, { actor: ctx.actor, role: ctx.person?.role });
      return {
        caseId,
        version: stored?.version ?? 0,
        text: stored?.text ?? emptyReportText(),
        ...(stored ? { updatedAt: stored.updatedAt } : {}),
        templateId: template.id,
        sections: writableSections(template, writingSections(template, context)),
      };
    },
    'reportText.save': ({ caseId, version, text, saveId }, ctx) => {
      // A section is known when any template offered for the case writes it, so choosing another
      // template on the Report page never makes saved text unsavable.
      const details = stores.cases.get(caseId).details;
      assertEditable(area, caseId, ctx, 'text');
      assertKnownSections(templatesForCase(reportTemplates(area), details), text);
      const saved = stores.reportTexts.save(caseId, version, text, { ...area.meta(ctx), saveId });
      return { version: saved.version, updatedAt: saved.updatedAt };
    },
    'reportText.draft': ({ caseId, sectionId }, ctx) => {
      const template = writingTemplate(area, caseId);
      const context = storedReportContext(area, caseId, template, { actor: ctx.actor, role: ctx.person?.role });
      return { text: draftFor(template, context, writingSections(template, context), sectionId) };
    },
    'reportText.checks': ({ caseId, text }, ctx) => storedChecks(area, caseId, text ?? stores.reportTexts.find(caseId)?.text ?? emptyReportText(), ctx.actor),
  };
}
