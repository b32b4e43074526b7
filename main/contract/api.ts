import { z } from 'zod';
import { entry } from './entry';
export type { Access, Door } from './entry';
import { CaseDetails, CaseRecord, CaseReportState, CaseSort, CaseSummary } from './case';
import { CaseFile } from './caseFile';
import { Interview } from './interview';
import { OpenInterviewOutput, SaveInterviewOutput } from './interviewApi';
import { reportEntries } from './reportApi';
import { BackupInfoSchema, BackupNowOutput, RestoreRequestOutput, saveId } from './storeApi';
import { optionsEntries } from './optionsApi';
import { reportTextEntries } from './reportText';
import { signingEntries } from './signingApi';
import { peopleEntries } from './people';
import { lifecycleEntries } from './lifecycle';
import { inquiryEntries } from './inquiry';
import { AuditChange, auditEntries } from './audit';
import { retentionEntries } from './retention';
import { entityId, entityVersion } from './text';

// The one list of API calls. Every door (Electron IPC, browser mode, CLI) validates with these
// schemas, and the handler table in api/ must implement exactly these names (a type error otherwise).
// `roles` says who may make a call at all (the dispatch refuses anyone else, naming the roles).

const WRITERS = ['probation_officer', 'senior_probation_officer'] as const;
const CASE_WRITERS = ['probation_officer', 'senior_probation_officer', 'screener'] as const;


export const AuditEntry = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  version: z.number().int().nullable(),
  /** What changed, field by field, without the text typed (main/contract/audit.ts). */
  changes: z.array(AuditChange),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const contract = {
  'app.info': entry({
    input: z.strictObject({}),
    output: z.strictObject({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      door: z.enum(['ipc', 'http', 'cli']),
      actor: z.string(),
      reportLanguage: z.string(),
    }),
    access: 'any',
    writes: false,
  }),
  'cases.create': entry({
    input: z.strictObject({ details: CaseDetails }),
    output: CaseRecord,
    access: 'any',
    writes: true,
    roles: CASE_WRITERS,
  }),
  'cases.get': entry({
    input: z.strictObject({ id: entityId }),
    output: CaseRecord,
    access: 'any',
    writes: false,
  }),
  'cases.update': entry({
    input: z.strictObject({ id: entityId, version: entityVersion, details: CaseDetails, saveId }),
    output: CaseRecord,
    access: 'any',
    writes: true,
    roles: CASE_WRITERS,
  }),
  'cases.list': entry({
    input: z.strictObject({
      query: z.string().max(200).optional(),
      sort: CaseSort.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
      /** Only cases whose report is in one of these states; absent means every state. */
      state: z.array(CaseReportState).min(1).max(6).optional(),
      /** Only the cases the acting person writes; refused when nobody is acting. */
      mine: z.boolean().optional(),
    }),
    output: z.strictObject({
      total: z.number().int(),
      /** The search matches more cases than `total` (it counts no further): type more to narrow it. */
      totalCapped: z.literal(true).optional(),
      items: z.array(CaseSummary),
    }),
    access: 'any',
    writes: false,
  }),
  'cases.history': entry({
    input: z.strictObject({ id: entityId }),
    output: z.array(AuditEntry),
    access: 'any',
    writes: false,
  }),
  'caseFile.import': entry({
    // The file is validated by its own versioned schema inside the handler, so that problems are
    // reported with paths inside the file ($.case.person...) rather than inside this envelope.
    input: z.strictObject({ file: z.unknown() }),
    output: CaseRecord,
    access: 'any',
    writes: true,
    roles: WRITERS,
  }),
  'caseFile.export': entry({
    // includeProgrammes: carry the local programmes, so the file matches the same way without this store.
    input: z.strictObject({ id: entityId, includeProgrammes: z.boolean().optional() }),
    output: CaseFile,
    access: 'any',
    writes: false,
  }),
  'interview.open': entry({
    input: z.strictObject({ caseId: entityId }),
    output: OpenInterviewOutput,
    access: 'any',
    writes: false,
  }),
  'interview.save': entry({
    // version 0 saves the first draft; a stale version is a conflict naming the current one.
    input: z.strictObject({ caseId: entityId, version: z.number().int().min(0), interview: Interview, saveId }),
    output: SaveInterviewOutput,
    access: 'any',
    writes: true,
    roles: CASE_WRITERS,
  }),
  'interview.complete': entry({
    input: z.strictObject({ caseId: entityId, version: entityVersion }),
    output: SaveInterviewOutput,
    access: 'any',
    writes: true,
    roles: CASE_WRITERS,
  }),
  'store.listBackups': entry({
    input: z.strictObject({}),
    output: z.array(BackupInfoSchema),
    access: 'any',
    writes: false,
  }),
  'store.backupNow': entry({
    input: z.strictObject({}),
    output: BackupNowOutput,
    access: 'any',
    writes: false,
  }),
  'store.requestRestore': entry({
    // Only one of the app's own backups, named by path as listBackups gave it: a page never names
    // an arbitrary file.
    input: z.strictObject({ backup: z.string().min(1).max(4096) }),
    output: RestoreRequestOutput,
    access: 'any',
    writes: false,
  }),
  'store.backup': entry({
    input: z.strictObject({ path: z.string().min(1).max(4096), overwrite: z.boolean().optional() }),
    output: z.strictObject({ path: z.string(), bytes: z.number().int(), integrity: z.literal('ok') }),
    access: 'local',
    writes: false,
  }),
  ...reportEntries,
  ...reportTextEntries,
  ...signingEntries,
  ...peopleEntries,
  ...lifecycleEntries,
  ...inquiryEntries,
  ...retentionEntries,
  ...optionsEntries,
  ...auditEntries,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.infer<Contract[M]['input']>;
export type Output<M extends Method> = z.infer<Contract[M]['output']>;
export const methods = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
