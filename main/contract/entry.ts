import type { z } from 'zod';

/** Which doors may call an entry. `local` calls touch the file system and are CLI-only. */
export type Access = 'any' | 'local';
export type Door = 'ipc' | 'http' | 'cli';

/** One API call: its input and output schemas, who may call it, and whether it changes the store. */
export interface Entry<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Whether the call changes the store: the dispatch refuses it, at every door, on a store opened read-only. */
  writes: boolean;
  /**
   * The roles that may make the call (main/contract/people.ts); absent means any person. The
   * dispatch refuses anyone else at every door, naming the roles; who may act on which case
   * (its author, a reviewer who is not the author) is decided by the handler.
   */
  roles?: readonly ('probation_officer' | 'senior_probation_officer' | 'screener' | 'administrator')[];
}

/** Declares an entry with its schema types kept, for the contract and the area modules spread into it. */
export const entry = <I extends z.ZodType, O extends z.ZodType>(e: Entry<I, O>) => e;
