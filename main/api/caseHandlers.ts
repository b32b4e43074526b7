import { CASE_FILE_FORMAT, CURRENT_CASE_FILE_VERSION } from '../contract/caseFile';
import type { Method } from '../contract/api';
import { parseCaseFile } from '../domain/caseFile';
import { assertCaseDetails, checkCaseFile } from '../domain/caseFileRules';
import { offenceAccountFieldIds, refuseFormChange } from '../domain/interviewRules';
import { localDate } from '../domain/localDate';
import { templatesForCase } from '../domain/report/buildReport';
import { assertKnownSections } from '../domain/report/writing';
import { AppError } from '../contract/errors';
import { auditFor } from '../store/audit';
import type { InterviewSaver } from './interviewSave';
import { programmesForExport } from './optionsHandlers';
import { reportTemplates } from './storedReport';
import type { LifecycleMethod } from './lifecycleHandlers';
import type { RetentionMethod } from './retentionHandlers';
import { assertEditable } from './reportLife';
import type { Area, CallContext, HandlerPart } from './types';

// The case calls and case files: the case details are checked by the domain's rules, and a case
// file is checked as a whole (case and interview) before anything of it is written.

type CaseMethod = Exclude<Extract<Method, `cases.${string}` | `caseFile.${string}`>, LifecycleMethod | RetentionMethod>;

export function createCaseHandlers(area: Area, interviews: InterviewSaver): HandlerPart<CaseMethod> {
  const { services, stores, meta } = area;
  const { db, jurisdiction } = services;
  const { cases } = stores;
  // Worked out from the forms when first needed: a start that reads no interview loads no form.
  let accountIds: ReturnType<typeof offenceAccountFieldIds> | undefined;
  const offenceAccountIds = () => (accountIds ??= offenceAccountFieldIds(services.forms));
  const today = () => localDate(services.now());
  /** A case someone creates is theirs to write (an administrator creates none: the role check refuses it). */
  const ownedBy = (caseId: string, ctx: CallContext) => {
    if (ctx.person) stores.reportVersions.assign(caseId, ctx.person.id, meta(ctx));
  };
  return {
    'cases.create': ({ details }, ctx) => {
      assertCaseDetails(details, today(), jurisdiction.youngAdultUpperAge, '$.details');
      return db.transaction(() => {
        const record = cases.create(details, meta(ctx));
        ownedBy(record.id, ctx);
        return record;
      }).immediate();
    },
    'cases.get': ({ id }) => cases.get(id),
    'cases.update': ({ id, version, details, saveId }, ctx) => {
      assertCaseDetails(details, today(), jurisdiction.youngAdultUpperAge, '$.details');
      assertEditable(area, id, ctx, 'case');
      refuseFormChange(services.forms, stores.interviews.find(id)?.interview.formId ?? null, details);
      return cases.update(id, version, details, { ...meta(ctx), saveId });
    },
    'cases.list': ({ mine, ...query }, ctx) => {
      if (mine && !ctx.person) {
        throw new AppError('refused', 'My cases needs to know who is using the app: say who you are first.', { path: '$.mine', key: 'errors.whoIsUsing' });
      }
      return cases.list({ ...query, ...(mine && ctx.person ? { authorId: ctx.person.id } : {}) });
    },
    'cases.history': ({ id }) => {
      cases.get(id);
      return auditFor(db, 'case', id);
    },
    'caseFile.import': ({ file }, ctx) => {
      const caseFile = parseCaseFile(file);
      // The same checks `psr render` makes on a case file, so both refuse the same files.
      checkCaseFile(caseFile, { forms: services.forms, youngAdultUpperAge: jurisdiction.youngAdultUpperAge, today: today(), offenceAccountIds: offenceAccountIds() });
      if (caseFile.reportText) assertKnownSections(templatesForCase(reportTemplates(area), caseFile.case), caseFile.reportText, '$.file.reportText');
      // The case and its interview are written together or not at all.
      return db.transaction(() => {
        const record = cases.create(caseFile.case, meta(ctx));
        ownedBy(record.id, ctx);
        if (caseFile.interview) interviews.save(record.id, 0, caseFile.interview, ctx);
        if (caseFile.proposal) stores.proposals.save(record.id, 0, caseFile.proposal, meta(ctx));
        if (caseFile.reportText) stores.reportTexts.save(record.id, 0, caseFile.reportText, meta(ctx));
        return record;
      }).immediate();
    },
    'caseFile.export': ({ id, includeProgrammes }, ctx) => {
      const record = cases.get(id);
      const stored = stores.interviews.find(id);
      const proposal = stores.proposals.find(id)?.proposal;
      const reportText = stores.reportTexts.find(id)?.text;
      const programmes = includeProgrammes ? programmesForExport(stores.programmes, proposal) : [];
      return {
        format: CASE_FILE_FORMAT,
        formatVersion: CURRENT_CASE_FILE_VERSION,
        exportedAt: services.now().toISOString(),
        exportedBy: ctx.actor,
        case: record.details,
        ...(stored ? { interview: stored.interview } : {}),
        ...(proposal ? { proposal } : {}),
        ...(reportText ? { reportText } : {}),
        ...(programmes.length ? { programmes } : {}),
      };
    },
  };
}
