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
}

/** Declares an entry with its schema types kept, for the contract and the area modules spread into it. */
export const entry = <I extends z.ZodType, O extends z.ZodType>(e: Entry<I, O>) => e;
