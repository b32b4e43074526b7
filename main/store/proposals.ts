import type { Database } from './sqlite';
import { Proposal, type Acknowledgement } from '../contract/options';
import { diffJson, type Change } from '../domain/diff';
import type { WriteMeta } from './audit';
import { parseStored } from './stored';
import { saveVersioned } from './versioned';

// One proposal per case, versioned on its own so editing it never conflicts with the
// interview or the case details. Every save is audited with what changed; each acknowledgement
// of a condition check is written into the audit row with its reason, so the file shows what the
// officer weighed and why.

export interface StoredProposal {
  caseId: string;
  version: number;
  proposal: Proposal;
  updatedAt: string;
  updatedBy: string;
}

interface Row {
  case_id: string;
  version: number;
  proposal: string;
  updated_at: string;
  updated_by: string;
}

/** Acknowledgements given, reworded or withdrawn in this save, by the check they answer (condition checks here, analysis checks for the report text). */
export function acknowledgementChanges(before: readonly Acknowledgement[] | undefined, after: readonly Acknowledgement[]): Change[] {
  const old = new Map((before ?? []).map((a) => [a.checkId, a.reason]));
  const out: Change[] = [];
  for (const a of after) {
    const was = old.get(a.checkId);
    if (was === a.reason) continue;
    out.push({ path: `$.acknowledged[${JSON.stringify(a.checkId)}]`, ...(was !== undefined ? { before: was } : {}), after: a.reason });
  }
  const now = new Set(after.map((a) => a.checkId));
  for (const [checkId, reason] of old) if (!now.has(checkId)) out.push({ path: `$.acknowledged[${JSON.stringify(checkId)}]`, before: reason });
  return out;
}

export class ProposalRepository {
  constructor(private readonly db: Database) {}

  find(caseId: string): StoredProposal | null {
    const row = this.db.prepare(`SELECT * FROM proposals WHERE case_id = ?`).get(caseId) as Row | undefined;
    return row
      ? { caseId: row.case_id, version: row.version, proposal: parseStored(Proposal, row.proposal, 'proposals', row.case_id, 'proposal'), updatedAt: row.updated_at, updatedBy: row.updated_by }
      : null;
  }

  /** Saves over `expectedVersion` (0 when there is none yet); a stale version is a conflict and nothing changes. */
  save(caseId: string, expectedVersion: number, proposal: Proposal, meta: WriteMeta): StoredProposal {
    return this.db.transaction(() => {
      const current = this.find(caseId);
      const changes = diffJson(current?.proposal, proposal);
      return saveVersioned(this.db, {
        entity: 'proposal',
        id: caseId,
        expectedVersion,
        meta,
        current,
        // Acknowledgements are listed with their reasons only when something is written.
        changes: changes.length === 0 ? changes : [...changes, ...acknowledgementChanges(current?.proposal.acknowledgements, proposal.acknowledgements)],
        write: (version) =>
          this.db
            .prepare(
              `INSERT INTO proposals (case_id, version, proposal, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, proposal = excluded.proposal, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            )
            .run(caseId, version, JSON.stringify(proposal), meta.at, meta.actor),
        written: (version) => ({ caseId, version, proposal, updatedAt: meta.at, updatedBy: meta.actor }),
      });
    }).immediate();
  }
}
