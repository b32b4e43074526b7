import fs from 'node:fs';
import path from 'node:path';
import type { CaseDetails } from '../contract/case';
import { AppError, jsonPath, type ApiIssue } from '../contract/errors';
import { FormDefinition, FormFile, Section } from '../contract/form';
import { formDefinitionIssues } from '../domain/forms/references';
import { loadDataFile, templatesDir } from './dataFiles';

// Interview forms are read from templates/forms/*.json. A form may include shared sections from
// templates/forms/sections/<name>.json. A broken definition is refused at load, naming the file,
// the JSON path inside that file and the reason, so the service that edited it can fix it.

type ReportType = CaseDetails['reportType'];

export function formsDir(): string {
  return path.join(templatesDir(), 'forms');
}

function refuse(file: string, issues: ApiIssue[]): never {
  const withFile = issues.map((i) => ({ ...i, params: { ...i.params, file } }));
  throw new AppError('invalid_input', `${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
    path: issues[0]?.path,
    issues: withFile,
    key: 'errors.dataFileInvalid',
    params: { file, count: issues.length },
  });
}

/** Reads one form file, resolves its includes and checks its references. */
export function loadFormFile(file: string, sectionsDir = path.join(path.dirname(file), 'sections')): FormDefinition {
  const raw = loadDataFile(file, FormFile);
  const expectedId = path.basename(file, '.json');
  if (raw.id !== expectedId) {
    refuse(file, [{ path: '$.id', message: `The id "${raw.id}" must match the file name "${expectedId}".`, key: 'forms.idMatchesFile' }]);
  }
  // Which file each section came from, so a problem in a shared section names that file.
  const origin = new Map<number, string>();
  const sections = raw.sections.map((entry, i) => {
    if (!('include' in entry)) return entry;
    const sectionFile = path.join(sectionsDir, `${entry.include}.json`);
    if (!fs.existsSync(sectionFile)) {
      refuse(file, [{ path: jsonPath(['sections', i, 'include']), message: `There is no shared section file ${sectionFile}.`, key: 'forms.missingInclude' }]);
    }
    origin.set(i, sectionFile);
    const shared = loadDataFile(sectionFile, Section);
    const omit = new Set(entry.omit ?? []);
    (entry.omit ?? []).forEach((id, oi) => {
      if (!shared.fields.some((f) => f.id === id)) {
        refuse(file, [{ path: jsonPath(['sections', i, 'omit', oi]), message: `"${id}" is not a field of ${sectionFile}.`, key: 'forms.unknownField' }]);
      }
    });
    return { ...shared, fields: shared.fields.filter((f) => !omit.has(f.id)) };
  });
  const form = FormDefinition.parse({ ...raw, sections });

  const problems = formDefinitionIssues(form);
  if (problems.length > 0) {
    // Report against the first file at fault: the form itself or the shared section it included.
    const located = problems.map((p) => {
      const included = p.segments[0] === 'sections' && typeof p.segments[1] === 'number' ? origin.get(p.segments[1]) : undefined;
      return included
        ? { file: included, issue: { path: jsonPath(p.segments.slice(2)), message: p.message, key: p.key } }
        : { file, issue: { path: jsonPath(p.segments), message: p.message, key: p.key } };
    });
    const first = (located[0] as (typeof located)[number]).file;
    refuse(
      first,
      located.filter((l) => l.file === first).map((l) => l.issue),
    );
  }
  return form;
}

/** Every form in `dir` (default templates/forms), by id. Two forms may not serve the same report type. */
export function loadForms(dir = formsDir()): Map<string, FormDefinition> {
  const forms = new Map<string, FormDefinition>();
  const servedBy = new Map<ReportType, string>();
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => e.name)
    .sort();
  for (const name of files) {
    const file = path.join(dir, name);
    const form = loadFormFile(file);
    form.reportTypes.forEach((type, i) => {
      const other = servedBy.get(type);
      if (other) {
        refuse(file, [{ path: jsonPath(['reportTypes', i]), message: `Report type "${type}" is already served by form "${other}".`, key: 'forms.duplicateReportType' }]);
      }
      servedBy.set(type, form.id);
    });
    forms.set(form.id, form);
  }
  return forms;
}
