import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import { backupDatabase, listBackups, rotatingBackup, verifyBackup } from '../store/backup';
import { requestRestore } from './restoreRequest';
import type { Area, HandlerPart } from './types';

// The store's own calls: backups, and a restore asked for now and carried out at the next start.

type StoreMethod = Extract<Method, `store.${string}`>;

export function createStoreHandlers({ services }: Area): HandlerPart<StoreMethod> {
  const { db, dataDir } = services;
  return {
    'store.listBackups': () => listBackups(dataDir),
    'store.backupNow': () => rotatingBackup(db, dataDir, { now: services.now }),
    'store.requestRestore': ({ backup }) => {
      const chosen = listBackups(dataDir).find((b) => b.path === backup);
      if (!chosen) throw new AppError('not_found', `${backup} is not one of this app's backups.`, { path: '$.backup', key: 'errors.notABackup' });
      const checked = verifyBackup(chosen.path);
      requestRestore(dataDir, chosen.path);
      return { backup: chosen.path, createdAt: chosen.createdAt, schemaVersion: checked.schemaVersion, restartNeeded: true as const };
    },
    'store.backup': ({ path, overwrite }) => backupDatabase(db, path, { overwrite: overwrite ?? false }),
  };
}
