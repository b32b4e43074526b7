import type { ApiError } from '../../../main/contract/errors';
import type { Choice, Mergeable, PartConflict } from '../../../main/domain/merge';
import type { CallOptions } from '../api/client';
import type { DraftKey } from './draftStore';

// What a page gives the autosave (drafts/useDraftAutosave.ts) and what it gets back.

export interface Stored<T> {
  version: number;
  doc: T;
  updatedAt: string | null;
}

export interface Acknowledged {
  version: number;
  updatedAt: string;
}

export interface DraftDoor<T, R extends Acknowledged> {
  save(doc: T, version: number, saveId: string, options: CallOptions): Promise<R>;
  /** What the store holds now. */
  open(): Promise<Stored<T>>;
}

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  /** The store would refuse it as it stands (an unfinished proposal): kept on this computer. */
  | { kind: 'incomplete' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline'; retryInMs: number }
  | { kind: 'conflict' }
  | { kind: 'error'; error: ApiError };

export interface Restored<T> {
  /** The parts the restored copy changes against the stored version. */
  parts: string[];
  /** When the copy was last written. */
  at: string;
  /** The stored version it differs from, to go back to on request. */
  stored: T;
}

export interface Conflict {
  conflicts: PartConflict[];
  /** Parts taken from the other save without asking. */
  fromTheirs: string[];
  theirsVersion: number;
}

export interface DraftOptions<T, R extends Acknowledged> {
  key: DraftKey;
  mergeable: Mergeable<T>;
  /** What the store held when the page opened. */
  stored: Stored<T>;
  door: DraftDoor<T, R>;
  /** The page's current content. */
  read(): T;
  /** Replaces the page's content (merged answers, the stored version on request). */
  show(doc: T): void;
  /** false for a document the store refuses as it stands; it is kept here until it can be saved. */
  savable?(doc: T): boolean;
  onSaved?(result: R): void;
}

export interface DraftAutosave<T> {
  /** What the page starts with: the stored version, the restored copy, or both merged. */
  start: T;
  status: DraftStatus;
  restored: Restored<T> | null;
  conflict: Conflict | null;
  /** Call on every change; cheap (it only sets timers). */
  changed(): void;
  /** Save now if anything changed (section change, blur, "Save now"). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** Settles every part changed on both sides, then saves. */
  resolve(choices: Readonly<Record<string, Choice>>): Promise<void>;
  /** Puts the stored version back in place of the restored copy (and saves that). */
  discardRestored(): void;
  dismissRestored(): void;
  version(): number;
  /** Another call moved the stored version on without changing the content (interview.complete). */
  rebase(version: number): void;
  inConflict(): boolean;
}
