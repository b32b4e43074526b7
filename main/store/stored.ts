import type { z } from 'zod';
import { AppError } from '../contract/errors';

// The one way JSON read back from the store is read: parsed with its schema, never cast.

/**
 * Parses a JSON column read back from the store with its schema. A row that does not parse (edited
 * outside the app, or damaged) is a `storage` error naming the table, the row and the first problem,
 * never a crash further on.
 */
export function parseStored<S extends z.ZodType>(schema: S, text: string, table: string, id: string, column: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the text, which may be anything the officer typed: name the fault only.
    throw unreadable(table, id, column, 'not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `$${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}` : '$';
    throw unreadable(table, id, column, `${where}: ${issue?.message ?? 'not the expected shape'}`);
  }
  return parsed.data;
}

function unreadable(table: string, id: string, column: string, problem: string): AppError {
  return new AppError(
    'storage',
    `The stored ${table} row ${id} cannot be read: its ${column} is not in the form this app saves (${problem}). Nothing was changed; restore a backup or ask for help.`,
    { key: 'errors.storedRowUnreadable', params: { table, id } },
  );
}
