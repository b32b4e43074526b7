import { migration as m0001 } from './0001-cases-and-audit';
import { migration as m0002 } from './0002-interviews';
import { migration as m0003 } from './0003-programmes-and-proposals';
import { migration as m0004 } from './0004-save-ids';
import { migration as m0005 } from './0005-report-texts';
import { migration as m0006 } from './0006-signing-keys';
import { migration as m0007 } from './0007-people';
import { migration as m0008 } from './0008-report-versions';
import { migration as m0009 } from './0009-audit-chain';
import { migration as m0010 } from './0010-case-retention';
import { migration as m0011 } from './0011-inquiry-keys';
import { migration as m0012 } from './0012-person-language';
import { migration as m0013 } from './0013-last-saved-order';
import { migration as m0014 } from './0014-case-count';
import { migration as m0015 } from './0015-list-state';
import { migration as m0016 } from './0016-search-text';
import type { Migration } from './types';

/** Every migration in order. Add a file per migration and list it here; never edit a shipped one. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016];
export const LATEST_SCHEMA_VERSION = migrations.length;
export type { Migration };
