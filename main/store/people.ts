import { randomUUID } from 'node:crypto';
import type { Database } from './sqlite';
import { AppError } from '../contract/errors';
import type { Person, PersonDetails } from '../contract/people';
import { appendAudit, type WriteMeta } from './audit';

// The people of one store. Added, never deleted: the audit and issued documents name them.

interface Row {
  id: string;
  version: number;
  full_name: string;
  role: Person['role'];
  team: string;
  service: string;
  created_at: string;
  created_by: string;
  language: string | null;
}

const toPerson = (r: Row): Person => ({
  id: r.id,
  version: r.version,
  fullName: r.full_name,
  role: r.role,
  team: r.team,
  service: r.service,
  createdAt: r.created_at,
  createdBy: r.created_by,
  ...(r.language ? { language: r.language } : {}),
});
const SELECT = `SELECT people.*, person_settings.language FROM people LEFT JOIN person_settings ON person_settings.person_id = people.id`;

export class PeopleRepository {
  constructor(private readonly db: Database) {}

  list(): Person[] {
    return (this.db.prepare(`${SELECT} ORDER BY full_name COLLATE NOCASE, created_at`).all() as Row[]).map(toPerson);
  }

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM people`).get() as { n: number }).n;
  }

  find(id: string): Person | null {
    const row = this.db.prepare(`${SELECT} WHERE people.id = ?`).get(id) as Row | undefined;
    return row ? toPerson(row) : null;
  }

  get(id: string): Person {
    const found = this.find(id);
    if (!found) throw new AppError('not_found', 'There is no such person in this store.', { path: '$.personId', key: 'errors.personNotFound' });
    return found;
  }

  hasAdministrator(): boolean {
    return this.db.prepare(`SELECT 1 FROM people WHERE role = 'administrator' LIMIT 1`).get() !== undefined;
  }

  /** `id` is given only by the first sign-in, whose keyring entry is written before the store opens. */
  add(details: PersonDetails, meta: WriteMeta, id: string = randomUUID()): Person {
    return this.db.transaction(() => {
      const fullName = details.fullName.trim();
      this.db
        .prepare(`INSERT INTO people (id, version, full_name, role, team, service, created_at, created_by) VALUES (?, 1, ?, ?, ?, ?, ?, ?)`)
        .run(id, fullName, details.role, details.team.trim(), details.service.trim(), meta.at, meta.actor);
      appendAudit(this.db, meta, { entity: 'person', entityId: id, action: 'create', version: 1, changes: [{ path: '$', after: { fullName, role: details.role, team: details.team, service: details.service } }] });
      return this.get(id);
    }).immediate();
  }

  /** The language the person's screens are in, kept for wherever they sign in next. */
  setLanguage(id: string, language: string, meta: WriteMeta): Person {
    return this.db.transaction(() => {
      this.get(id);
      this.db
        .prepare(`INSERT INTO person_settings (person_id, language, updated_at) VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`)
        .run(id, language, meta.at);
      appendAudit(this.db, meta, { entity: 'person', entityId: id, action: 'update', version: this.get(id).version, changes: [{ path: '$.language', after: language }] });
      return this.get(id);
    }).immediate();
  }
}
