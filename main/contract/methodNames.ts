import type { Method } from './api';

// The contract's method names without its schemas, for the preload (kept small). A unit test checks
// this list against the contract, and the type below fails if a name is missing.
export const methodNames = [
  'app.info',
  'cases.create',
  'cases.get',
  'cases.update',
  'cases.list',
  'cases.history',
  'caseFile.import',
  'caseFile.export',
  'interview.open',
  'interview.save',
  'interview.complete',
  'store.listBackups',
  'store.backupNow',
  'store.requestRestore',
  'store.backup',
  'report.templates',
  'report.preview',
  'report.export',
  'reportText.get',
  'reportText.save',
  'reportText.draft',
  'reportText.checks',
  'signing.keys',
  'documents.verify',
  'people.list',
  'people.add',
  'session.current',
  'session.choose',
  'programmes.list',
  'programmes.create',
  'programmes.update',
  'programmes.retire',
  'programmes.export',
  'programmes.import',
  'options.catalogue',
  'options.jurisdiction',
  'options.profile',
  'options.match',
  'proposal.get',
  'proposal.save',
] as const satisfies readonly Method[];

type Missing = Exclude<Method, (typeof methodNames)[number]>;
export const methodNamesComplete: [Missing] extends [never] ? true : { missing: Missing } = true;
