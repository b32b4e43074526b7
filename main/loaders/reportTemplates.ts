import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { ReportTemplate } from '../contract/report';
import { loadDataFile, templatesDir } from './dataFiles';

// Report templates are data files in templates/reports/<id>.json, validated on load: a broken file
// is refused with the file, the JSON path and the reason. Test-only templates (flagged `test`) live
// elsewhere and are loaded only from a folder the caller names.

export interface TemplateSource {
  /** Folders to look in, first match wins; defaults to the shipped templates/reports. */
  dirs?: string[];
}

export function reportTemplatesDir(): string {
  return path.join(templatesDir(), 'reports');
}

export function loadReportTemplate(id: string, source: TemplateSource = {}): ReportTemplate {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new AppError('invalid_input', `"${id}" is not a template id.`, { path: '$.templateId', key: 'report.errors.notATemplateId' });
  const dirs = source.dirs ?? [reportTemplatesDir()];
  for (const dir of dirs) {
    const file = path.join(dir, `${id}.json`);
    if (!fs.existsSync(file)) continue;
    const template = loadDataFile(file, ReportTemplate);
    if (template.id !== id) throw new AppError('invalid_input', `${file}: $.id: The id "${template.id}" does not match the file name.`, { path: '$.id' });
    return template;
  }
  throw new AppError('not_found', `No report template "${id}" in ${dirs.join(', ')}.`, { path: '$.templateId', key: 'report.errors.noTemplate', params: { templateId: id } });
}

/** Every template in the shipped folder (or the given ones), validated; test templates only when asked. */
export function listReportTemplates(source: TemplateSource & { includeTest?: boolean } = {}): ReportTemplate[] {
  const dirs = source.dirs ?? [reportTemplatesDir()];
  const out: ReportTemplate[] = [];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const template = loadReportTemplate(name.slice(0, -'.json'.length), { dirs: [dir] });
      if (source.includeTest || !template.test) out.push(template);
    }
  }
  return out;
}
