import { openSqlite, type Database, type SqliteAccess } from '../store/sqlite';
import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import { closeRefusal, confirmsCaseNumber, daysPastRetention, erasureCutoff, erasureRefusal } from '../domain/retention';
import { appendAudit, type WriteMeta } from '../store/audit';
import { backupsDir, listBackups } from '../store/backup';
import { eraseCaseRows, holdsCase, pruneOldBackups, vacuumFile } from '../store/erasure';
import { backupName } from './restoreRequest';
import type { Area, HandlerPart } from './types';

// Closing a case and erasing it once the retention period has passed (main/contract/retention.ts,
// docs/retention.md). The rules are main/domain/retention.ts; the row deletion is
// main/store/erasure.ts, applied to the live store and to every backup the app keeps.

export type RetentionMethod = 'cases.close' | 'cases.dueForErasure' | 'cases.erase';

/** The audit row of an erasure: who, which case id, when. No text of the case. */
const erasureRow = (caseId: string) => ({ entity: 'case', entityId: caseId, action: 'erase', version: null, changes: [] });

export function createRetentionHandlers(area: Area): HandlerPart<Extract<Method, RetentionMethod>> {
  const { services, stores, meta } = area;
  const { db, jurisdiction, dataDir } = services;
  const { cases } = stores;
  return {
    'cases.close': ({ caseId, reason }, ctx) =>
      db.transaction(() => {
        const record = cases.get(caseId);
        const refused = closeRefusal(reason, stores.reportVersions.latest(caseId)?.state ?? null, cases.closure(caseId).closedAt);
        if (refused) throw refused;
        const m = meta(ctx);
        cases.close(caseId, reason, m);
        return { caseId, caseNumber: record.details.caseNumber, closedAt: m.at, reason };
      }).immediate(),

    'cases.dueForErasure': () => {
      const days = jurisdiction.retentionDays;
      if (days === undefined) return { retentionDays: null, items: [] };
      const now = services.now();
      return {
        retentionDays: days,
        items: cases.closedBefore(erasureCutoff(now, days)).map((c) => ({ ...c, daysPastRetention: Math.max(0, daysPastRetention(c.closedAt, now, days)) })),
      };
    },

    'cases.erase': ({ caseId, confirm }, ctx) => {
      const m = meta(ctx);
      const now = new Date(m.at);
      db.transaction(() => {
        const record = cases.get(caseId);
        const refused = erasureRefusal(cases.closure(caseId).closedAt, now, jurisdiction.retentionDays);
        if (refused) throw refused;
        if (!confirmsCaseNumber(confirm, record.details.caseNumber)) {
          throw new AppError('invalid_input', 'Type the case number exactly as it is shown to confirm the erasure.', {
            path: '$.confirm',
            key: 'errors.retention.confirmMismatch',
            issues: [{ path: '$.confirm', message: 'Type the case number exactly as it is shown.', key: 'errors.retention.confirmMismatch' }],
          });
        }
        eraseCaseRows(db, caseId);
        appendAudit(db, m, erasureRow(caseId));
      }).immediate();
      // Outside the transaction: VACUUM cannot run inside one.
      vacuumFile(db);
      const fromBackups = eraseFromBackups(dataDir, caseId, m, area.services.access ?? {});
      const removed = pruneOldBackups(backupsDir(dataDir), jurisdiction.retentionDays!, now).map(backupName);
      return { caseId, erasedAt: m.at, ...fromBackups, backupsRemoved: removed };
    },
  };
}

/**
 * Erases the case from every automatic backup that holds it: its rows, one audit row like the live
 * store's (so a restored backup still says the case was erased), then VACUUM. A backup that cannot
 * be changed is reported, never skipped silently.
 */
function eraseFromBackups(dataDir: string, caseId: string, meta: WriteMeta, access: SqliteAccess) {
  const backupsErased: string[] = [];
  const backupsFailed: Array<{ backup: string; reason: string }> = [];
  for (const backup of listBackups(dataDir)) {
    let file: Database | null = null;
    try {
      // Under the store's key: an encrypted store's backups are encrypted too.
      file = openSqlite(backup.path, { fileMustExist: true, ...access });
      if (!holdsCase(file, caseId)) continue;
      const db = file;
      db.transaction(() => {
        eraseCaseRows(db, caseId);
        appendAudit(db, meta, erasureRow(caseId));
      }).immediate();
      vacuumFile(db);
      backupsErased.push(backupName(backup.path));
    } catch (e) {
      backupsFailed.push({ backup: backupName(backup.path), reason: (e as Error).message.slice(0, 300) });
    } finally {
      file?.close();
    }
  }
  return { backupsErased, backupsFailed };
}
