import type { Database } from 'better-sqlite3';
import type { Door, Input, Method, Output } from '../contract/api';
import { CASE_FILE_FORMAT, CURRENT_CASE_FILE_VERSION } from '../contract/caseFile';
import type { CaseDetails } from '../contract/case';
import { invalidInput } from '../contract/errors';
import type { Jurisdiction } from '../contract/jurisdiction';
import { parseCaseFile } from '../domain/caseFile';
import { assertAdultCase, caseDetailIssues } from '../domain/caseRules';
import { auditFor } from '../store/audit';
import { backupDatabase } from '../store/backup';
import { CaseRepository } from '../store/cases';
import { schemaVersion } from '../store/connection';

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
  const meta = (ctx: CallContext) => ({ actor: ctx.actor, at: services.now().toISOString() });

  function checkDetails(details: CaseDetails, prefix = '$'): void {
    const issues = caseDetailIssues(details, localDate(services.now()));
    if (issues.length > 0) throw invalidInput(issues.map((i) => ({ ...i, path: prefix + i.path.slice(1) })));
    assertAdultCase(details, jurisdiction.youngAdultUpperAge);
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
      return cases.create(caseFile.case, meta(ctx));
    },
    'caseFile.export': ({ id }, ctx) => {
      const record = cases.get(id);
      return {
        format: CASE_FILE_FORMAT,
        formatVersion: CURRENT_CASE_FILE_VERSION,
        exportedAt: services.now().toISOString(),
        exportedBy: ctx.actor,
        case: record.details,
      };
    },
    'store.backup': ({ path, overwrite }) => backupDatabase(db, path, { overwrite: overwrite ?? false }),
  } satisfies Handlers;
  return handlers;
}
