import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '../contract/errors';
import { Jurisdiction } from '../contract/jurisdiction';
import { zodIssues } from '../contract/validate';

/** The shipped `templates/` folder; PSR_TEMPLATES_DIR points elsewhere (a service's own set). */
export function templatesDir(): string {
  if (process.env.PSR_TEMPLATES_DIR) return path.resolve(process.env.PSR_TEMPLATES_DIR);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../templates'), path.resolve(here, '../templates'), path.resolve(process.cwd(), 'templates')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('The templates folder was not found next to the app.');
}

/**
 * A data file as a message names it: relative to the templates folder when it is one of the app's
 * own (a refusal may reach browser mode, which must not learn this machine's paths), else as given.
 */
export function dataFileName(file: string): string {
  let root: string;
  try {
    root = templatesDir();
  } catch {
    return file;
  }
  const relative = path.relative(root, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

/**
 * Data files already validated, by schema and by their text's digest: a report exported again (or
 * a preview redrawn) reads its template and jurisdiction but does not parse and revalidate them
 * each time. A file whose text changed is validated again. Callers get their own copy, so nothing
 * they do to it reaches the next one.
 */
const validated = new WeakMap<z.ZodType, Map<string, unknown>>();

/** Reads and validates one JSON data file; a broken file is refused naming the file, the JSON path and the reason. */
export function loadDataFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const name = dataFileName(file);
    throw new AppError('invalid_input', `${name}: not valid JSON (${(e as Error).message}).`, { path: '$', key: 'errors.dataFileNotJson', params: { file: name } });
  }
  const digest = `${file}\u0000${createHash('sha256').update(text).digest('base64')}`;
  let bySchema = validated.get(schema);
  if (bySchema?.has(digest)) return structuredClone(bySchema.get(digest)) as z.infer<S>;
  const value = parseDataFile(file, text, schema);
  if (!bySchema) validated.set(schema, (bySchema = new Map()));
  // Bounded: a long-running process that loads many edited versions keeps only the latest few hundred.
  if (bySchema.size >= 500) bySchema.delete(bySchema.keys().next().value!);
  bySchema.set(digest, structuredClone(value));
  return value;
}

function parseDataFile<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const name = dataFileName(file);
    throw new AppError('invalid_input', `${name}: not valid JSON (${(e as Error).message}).`, { path: '$', key: 'errors.dataFileNotJson', params: { file: name } });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const name = dataFileName(file);
    throw new AppError('invalid_input', `${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      path: issues[0]?.path,
      issues,
      key: 'errors.dataFileInvalid',
      params: { file: name, count: issues.length },
    });
  }
  return parsed.data;
}

export function loadJurisdiction(id = process.env.PSR_JURISDICTION ?? 'default'): Jurisdiction {
  return loadDataFile(path.join(templatesDir(), 'jurisdictions', `${id}.json`), Jurisdiction);
}
