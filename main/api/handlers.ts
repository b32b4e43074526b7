import type { Database } from 'better-sqlite3';
import type { Door, Input, Method, Output } from '../contract/api';
import { CASE_FILE_FORMAT, CURRENT_CASE_FILE_VERSION } from '../contract/caseFile';
import type { CaseDetails } from '../contract/case';
import { AppError, invalidInput } from '../contract/errors';
import type { Interview } from '../contract/interview';
import type { FormDefinition } from '../contract/form';
import type { Jurisdiction } from '../contract/jurisdiction';
import { canMarkComplete, evaluateForm, type FormEvaluation } from '../domain/forms';
import { parseCaseFile } from '../domain/caseFile';
import { assertAdultCase, caseDetailIssues } from '../domain/caseRules';
import { auditFor } from '../store/audit';
import { backupDatabase, listBackups, rotatingBackup, verifyBackup } from '../store/backup';
import { requestRestore } from './restoreRequest';
import { CaseRepository } from '../store/cases';
import { InterviewRepository, type StoredInterview } from '../store/interviews';
import { checkInterviewForSave, interviewSetting, offenceAccountFieldIds, progressSummary } from './interviews';
import { formForReportType } from './forms';
import { createReportHandlers } from './reportHandlers';
import { schemaVersion } from '../store/connection';
import type { LoadedCatalogue } from './options';
import { createOptionsHandlers, importProposal, proposalForExport, programmesForExport } from './optionsHandlers';

export interface CallContext {
  /** Who is acting: recorded in the audit log. */
  actor: string;
  door: Door;
}

/** Exactly one handler per contract entry: a missing or extra name is a type error. */
export type Handlers = {
  [M in Method]: (input: Input<M>, ctx: CallContext) => Output<M> | Promise<Output<M>>;
};

export interface Services {
  db: Database;
  jurisdiction: Jurisdiction;
  /** Interview forms by id, loaded and checked once at start. */
  forms: ReadonlyMap<string, FormDefinition>;
  /** The data folder: backups live in <dataDir>/backups. */
  dataDir: string;
  /** The options catalogue, loaded and checked once at start (loaded on first use when not given). */
  catalogue?: LoadedCatalogue;
  appVersion: string;
  /** The clock is injected so tests can pin "today". */
  now: () => Date;
}

/** The local calendar date of `d`, YYYY-MM-DD. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function createHandlers(services: Services): Handlers {
  const { db, jurisdiction } = services;
  const cases = new CaseRepository(db);
  const interviews = new InterviewRepository(db);
  const offenceAccountIds = offenceAccountFieldIds(services.forms);
  const meta = (ctx: CallContext) => ({ actor: ctx.actor, at: services.now().toISOString() });

  function checkDetails(details: CaseDetails, prefix = '$'): void {
    const issues = caseDetailIssues(details, localDate(services.now()));
    if (issues.length > 0) throw invalidInput(issues.map((i) => ({ ...i, path: prefix + i.path.slice(1) })));
    assertAdultCase(details, jurisdiction.youngAdultUpperAge);
  }

  function saveResult(stored: StoredInterview, setting: ReturnType<typeof interviewSetting>, issues: ReturnType<typeof checkInterviewForSave>, evaluation?: FormEvaluation) {
    return {
      version: stored.version,
      status: stored.status,
      updatedAt: stored.updatedAt,
      issues,
      progress: progressSummary(setting.form, stored.interview, setting.facts, evaluation),
    };
  }

  /** Saves a case's interview draft after the safeguards; returns the draft's open issues. */
  function saveInterview(caseId: string, version: number, interview: Interview, ctx: CallContext, prefix = '$.interview') {
    const setting = interviewSetting(services.forms, cases.get(caseId), jurisdiction.youngAdultUpperAge);
    // One evaluation of the form serves the checks and the progress summary (autosave runs this often).
    const evaluation = evaluateForm(setting.form, interview, setting.facts);
    const issues = checkInterviewForSave(setting.form, setting.facts, interview, offenceAccountIds, prefix, evaluation);
    // A completed interview stays complete only while it still passes; otherwise it is a draft again.
    const stillComplete = interviews.find(caseId)?.status === 'complete' && canMarkComplete(setting.form, interview, setting.facts).ok;
    const stored = interviews.save(caseId, version, interview, stillComplete ? 'complete' : 'in_progress', meta(ctx));
    // The stored answers are the ones just checked (a save that changed nothing stored equal answers).
    return saveResult(stored, setting, issues, evaluation);
  }

  const options = createOptionsHandlers(services, { meta, getCase: (id) => cases.get(id), interviews });

  /**
   * A recorded interview belongs to the form it was taken on. Changing the report type to one that
   * interviews on another form (a pre-trial form has no offence questions) would leave answers the
   * new form cannot show, clear or accept, so it is refused until the officer decides what to do.
   */
  function refuseFormChange(caseId: string, details: CaseDetails): void {
    const stored = interviews.find(caseId);
    if (!stored) return;
    const next = formForReportType(services.forms, details.reportType);
    if (next?.id === stored.interview.formId) return;
    throw new AppError(
      'refused',
      `This case's interview was recorded on the ${stored.interview.formId} form, and a ${details.reportType.replace('_', '-')} report is interviewed on ${next ? `the ${next.id} form` : 'no form of its own'}. Nothing was saved. Keep the report type, or export the case file and open a new case for the other report.`,
      { path: '$.details.reportType', key: 'errors.reportTypeHasInterview', params: { form: stored.interview.formId } },
    );
  }

  const handlers = {
    'app.info': (_input, ctx) => ({
      appVersion: services.appVersion,
      schemaVersion: schemaVersion(db),
      door: ctx.door,
      actor: ctx.actor,
    }),
    'cases.create': ({ details }, ctx) => {
      checkDetails(details, '$.details');
      return cases.create(details, meta(ctx));
    },
    'cases.get': ({ id }) => cases.get(id),
    'cases.update': ({ id, version, details }, ctx) => {
      checkDetails(details, '$.details');
      refuseFormChange(id, details);
      return cases.update(id, version, details, meta(ctx));
    },
    'cases.list': (query) => cases.list(query),
    'cases.history': ({ id }) => {
      cases.get(id);
      return auditFor(db, 'case', id);
    },
    'caseFile.import': ({ file }, ctx) => {
      const caseFile = parseCaseFile(file);
      checkDetails(caseFile.case, '$.case');
      // The case and its interview are written together or not at all.
      return db.transaction(() => {
        const record = cases.create(caseFile.case, meta(ctx));
        if (caseFile.interview) saveInterview(record.id, 0, caseFile.interview, ctx);
        if (caseFile.proposal) importProposal(services, record.id, caseFile.proposal, meta(ctx));
        return record;
      }).immediate();
    },
    'caseFile.export': ({ id, includeProgrammes }, ctx) => {
      const record = cases.get(id);
      const stored = interviews.find(id);
      const proposal = proposalForExport(services, id);
      const programmes = includeProgrammes ? programmesForExport(services, proposal) : [];
      return {
        format: CASE_FILE_FORMAT,
        formatVersion: CURRENT_CASE_FILE_VERSION,
        exportedAt: services.now().toISOString(),
        exportedBy: ctx.actor,
        case: record.details,
        ...(stored ? { interview: stored.interview } : {}),
        ...(proposal ? { proposal } : {}),
        ...(programmes.length ? { programmes } : {}),
      };
    },
    'interview.open': ({ caseId }) => {
      const { form, facts } = interviewSetting(services.forms, cases.get(caseId), jurisdiction.youngAdultUpperAge);
      const stored = interviews.find(caseId);
      return {
        caseId,
        form,
        facts,
        interview: stored?.interview ?? { formId: form.id, formVersion: form.version, answers: {} },
        version: stored?.version ?? 0,
        status: stored?.status ?? 'in_progress',
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
      };
    },
    'interview.save': ({ caseId, version, interview }, ctx) => saveInterview(caseId, version, interview, ctx),
    'interview.complete': ({ caseId, version }, ctx) => {
      const setting = interviewSetting(services.forms, cases.get(caseId), jurisdiction.youngAdultUpperAge);
      const stored = interviews.find(caseId);
      if (!stored || stored.version !== version) {
        throw new AppError('conflict', `This interview was saved elsewhere in the meantime (now version ${stored?.version ?? 0}). Nothing was changed.`, {
          path: '$.version',
          currentVersion: stored?.version ?? 0,
          key: 'errors.interviewConflict',
          params: { current: stored?.version ?? 0, yours: version },
        });
      }
      const verdict = canMarkComplete(setting.form, stored.interview, setting.facts);
      if (!verdict.ok) {
        throw new AppError('refused', `The interview cannot be marked complete yet: ${verdict.issues[0]?.message ?? ''}`, {
          path: verdict.issues[0]?.path,
          key: 'errors.interviewIncomplete',
          issues: verdict.issues.map(({ path, message, key }) => ({ path, message, ...(key ? { key } : {}) })),
        });
      }
      const saved = interviews.save(caseId, version, stored.interview, 'complete', meta(ctx));
      return saveResult(saved, setting, []);
    },
    'store.listBackups': () => listBackups(services.dataDir),
    'store.backupNow': () => rotatingBackup(db, services.dataDir, { now: services.now }),
    'store.requestRestore': ({ backup }) => {
      const chosen = listBackups(services.dataDir).find((b) => b.path === backup);
      if (!chosen) throw new AppError('not_found', `${backup} is not one of this app's backups.`, { path: '$.backup' });
      const checked = verifyBackup(chosen.path);
      requestRestore(services.dataDir, chosen.path);
      return { backup: chosen.path, createdAt: chosen.createdAt, schemaVersion: checked.schemaVersion, restartNeeded: true as const };
    },
    'store.backup': ({ path, overwrite }) => backupDatabase(db, path, { overwrite: overwrite ?? false }),
    ...options.handlers,
    ...createReportHandlers(services, { cases, interviews }, (caseId) => ({
      match: options.reportMatch(caseId),
      proposal: proposalForExport(services, caseId),
    })),
  } satisfies Handlers;
  return handlers;
}
