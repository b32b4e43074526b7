import type { z } from 'zod';
import { invalidInput, jsonPath, quoted, type ApiIssue } from './errors';
import { translator } from './messages';

// The first five unknown names, quoted, and how many more: the words around them are the catalogue's.
const unknownKeys = (keys: string[]) => ({
  fields: keys.slice(0, 5).map((k) => quoted(k)).join(', '),
  count: keys.length,
  ...(keys.length > 5 ? { more: keys.length - 5, context: 'more' } : {}),
});

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => {
    const out: ApiIssue = { path: jsonPath(issue.path), message: describe(issue), ...translation(issue) };
    return out;
  });
}

/** The i18n key (and its parameters) under which the UI words this issue. */
function translation(issue: z.core.$ZodIssue): Pick<ApiIssue, 'key' | 'params'> {
  switch (issue.code) {
    case 'custom': {
      const key = (issue.params as { key?: unknown } | undefined)?.key;
      return typeof key === 'string' ? { key } : { key: 'validation.invalid' };
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'validation.required' };
      return { key: 'validation.tooFew', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
      return { key: 'validation.tooMany', params: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { key: issue.input === undefined ? 'validation.required' : 'validation.invalid' };
    case 'invalid_value':
      return { key: 'validation.choose' };
    case 'invalid_format':
      return { key: issue.format === 'date' ? 'validation.date' : 'validation.invalid' };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField', params: unknownKeys(issue.keys) };
    default:
      return { key: 'validation.invalid' };
  }
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return translator()('validation.unknownField', unknownKeys(issue.keys));
    case 'invalid_type':
      return issue.input === undefined ? 'Required.' : `Expected ${issue.expected}.`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    default:
      return issue.message;
  }
}

/** Parses `input` with `schema`, or throws `invalid_input` listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(zodIssues(result.error));
  return result.data;
}
