import type { Database } from '../sqlite';

export interface Migration {
  /** Becomes PRAGMA user_version once applied. Numbers run 1, 2, 3... with no gaps. */
  version: number;
  name: string;
  up(db: Database): void;
}
