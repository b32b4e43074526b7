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
    if (template.id !== id) {
      throw new AppError('invalid_input', `Report template ${where(file)}: $.id: The id "${template.id}" does not match the file name.`, {
        path: '$.id',
        key: 'report.errors.templateIdMismatch',
        params: { templateId: id, found: template.id },
      });
    }
    return template;
  }
  // The message reaches the browser over HTTP: it names the id and, at most, a folder relative to
  // the app's templates folder, never a path of this machine.
  throw new AppError('not_found', `No report template "${id}" in ${dirs.map(where).join(', ')}.`, {
    path: '$.templateId',
    key: 'report.errors.noTemplate',
    params: { templateId: id },
  });
}

/** Every template in the shipped folder (or the given ones), validated; test templates only when asked. */
/** A folder or file as a message may name it: relative to the templates folder, or only its last part when outside it. */
function where(target: string): string {
  const relative = path.relative(templatesDir(), target);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  return path.basename(target);
}

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
