import { migration as m0001 } from './0001-cases-and-audit';
import { migration as m0002 } from './0002-interviews';
import { migration as m0003 } from './0003-programmes-and-proposals';
import { migration as m0004 } from './0004-save-ids';
import { migration as m0005 } from './0005-report-texts';
import { migration as m0006 } from './0006-signing-keys';
import { migration as m0007 } from './0007-people';
import { migration as m0008 } from './0008-report-versions';
// 0009-audit-chain is written on another branch; the merge imports it here.
import { migration as m0010 } from './0010-case-retention';
import type { Migration } from './types';

// GAP: m0009 (0009-audit-chain) goes between m0008 and m0010 when the branches merge. Until then
// `m0009Reserved` stands in its place, because openDatabase refuses a gap in the numbers; the merge
// replaces it with the real m0009 and deletes the stand-in (no released build ships it).
const m0009Reserved: Migration = { version: 9, name: 'reserved-for-audit-chain', up() {} };
/** Every migration in order. Add a file per migration and list it here; never edit a shipped one. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009Reserved, m0010];
export const LATEST_SCHEMA_VERSION = migrations.length;
export type { Migration };
