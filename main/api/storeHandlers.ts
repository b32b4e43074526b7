import type { Method } from '../contract/api';
import { backupDatabase } from '../store/backup';
import { backupNowInApp, listAppBackups, requestRestoreInApp } from './restoreRequest';
import type { Area, HandlerPart } from './types';

// The store's own calls: backups, and a restore asked for now and carried out at the next start.
// Backups are named inside the data folder, never by a path of the machine (restoreRequest.ts).

type StoreMethod = Extract<Method, `store.${string}`>;

export function createStoreHandlers({ services }: Area): HandlerPart<StoreMethod> {
  const { db, dataDir } = services;
  const access = services.access ?? {};
  return {
    'store.listBackups': () => listAppBackups(dataDir),
    'store.backupNow': () => backupNowInApp(db, dataDir, services.now, access),
    'store.requestRestore': ({ backup }) => requestRestoreInApp(dataDir, backup, access),
    'store.backup': ({ path, overwrite }) => backupDatabase(db, path, { overwrite: overwrite ?? false, ...access }),
  };
}
