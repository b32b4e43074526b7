import type { FormDefinition } from '../contract/form';
import type { Jurisdiction } from '../contract/jurisdiction';
import type { ReportTemplate } from '../contract/report';
import { loadCatalogueWithSource, type LoadedCatalogue } from './catalogue';
import { loadJurisdiction, templatesDir } from './dataFiles';
import { loadForms } from './forms';
import { listReportTemplates, loadReportTemplate } from './reportTemplates';

// The data files the app runs on (templates/, or PSR_TEMPLATES_DIR), each read and checked once per
// process and then shared by the API and the CLI. A file that fails its check is not cached, so the
// next call reports it again.

function once<T>(name: string, load: () => T): () => T {
  const cache = new Map<string, T>();
  return () => {
    const key = `${name}\u0000${templatesDir()}\u0000${process.env.PSR_JURISDICTION ?? ''}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = load();
    cache.set(key, value);
    return value;
  };
}

/** The interview forms by id. */
export const shippedForms: () => ReadonlyMap<string, FormDefinition> = once('forms', () => loadForms());
/** The options catalogue, as the renderer receives it and compiled. */
export const shippedCatalogue: () => LoadedCatalogue = once('catalogue', () => loadCatalogueWithSource());
/** The report templates a case may be reported on (test templates are never among them). */
export const shippedReportTemplates: () => readonly ReportTemplate[] = once('reports', () => listReportTemplates());
/** The jurisdiction the service runs under (PSR_JURISDICTION, default "default"). */
export const shippedJurisdiction: () => Jurisdiction = once('jurisdiction', () => loadJurisdiction());

/** One report template by id: a shipped one as checked once, otherwise read (an unknown id is refused naming it). */
export function shippedReportTemplate(id: string): ReportTemplate {
  return shippedReportTemplates().find((t) => t.id === id) ?? loadReportTemplate(id);
}
