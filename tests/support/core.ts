import { PeopleRepository } from '../../main/store/people';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type AppCore } from '../../main/api/app';
import type { Input, Method, Output } from '../../main/contract/api';
import type { CaseDetails } from '../../main/contract/case';
import type { ApiResult } from '../../main/contract/errors';
import type { CallContext } from '../../main/api/types';

/** A fresh data folder in the system temp dir; removed by `cleanup`. */
export function tempDir(prefix = 'psr-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The fixed "today" the tests run on, so date rules do not depend on when CI runs. */
export const TODAY = new Date('2026-11-26T10:00:00Z');

export interface TestCore extends AppCore {
  call<M extends Method>(method: M, input: Input<M>, ctx?: Partial<CallContext>): Promise<Output<M>>;
  raw(method: string, input: unknown, ctx?: Partial<CallContext>): Promise<ApiResult<unknown>>;
  cleanup(): void;
}

export function testCore(options: { dataDir?: string; now?: () => Date; applyPendingRestore?: boolean } = {}): TestCore {
  const dataDir = options.dataDir ?? tempDir();
  const core = openCore({ dataDir, now: options.now ?? (() => TODAY), applyPendingRestore: options.applyPendingRestore ?? false, checkOutput: true, logger: { error: () => undefined } });
  const ctxOf = (ctx?: Partial<CallContext>): CallContext => ({ actor: 'officer.test', door: 'cli', ...ctx });
  // The store's one person, so every door (IPC, browser mode, the CLI) acts for them as the app would.
  const people = new PeopleRepository(core.db);
  if (core.writable && people.count() === 0) {
    people.add({ fullName: 'officer.test', role: 'probation_officer', team: 'Test team', service: 'Probation Service' }, { actor: 'officer.test', at: (options.now ?? (() => TODAY))().toISOString() });
  }
  return {
    ...core,
    async call(method, input, ctx) {
      const result = await core.dispatch(method, input, ctxOf(ctx));
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.value as never;
    },
    raw: (method, input, ctx) => core.dispatch(method, input, ctxOf(ctx)),
    cleanup() {
      try {
        core.close();
      } catch {
        // already closed
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid convicted case; override any part. */
export function caseDetails(overrides: Omit<Partial<CaseDetails>, 'person'> & { person?: Partial<CaseDetails['person']> } = {}): CaseDetails {
  const { person, ...rest } = overrides;
  return {
    person: { givenNames: 'Amina', familyName: 'Okafor', dateOfBirth: '1990-04-12', gender: 'female', preferredLanguage: 'en', ...person },
    court: "City Magistrates' Court",
    caseNumber: 'CR-2026-0415',
    hearingDate: '2026-12-20',
    reportDueDate: '2026-12-15',
    reportType: 'full',
    stage: 'convicted',
    charges: [{ offence: 'Theft from a shop', offenceDate: '2026-08-02', plea: 'guilty' }],
    ...rest,
  };
}

/** Everything in the store that a write could change, to prove a refused call changed nothing. */
export function storeSnapshot(core: AppCore): string {
  const tables = core.db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`)
    .all() as Array<{ name: string }>;
  return JSON.stringify(tables.map(({ name }) => [name, core.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}
