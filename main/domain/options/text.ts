// Rendering of catalogue messages. Placeholders are {{factName}}; the loader has already refused
// any placeholder that is not a known fact, so a missing value here is a bug, shown plainly.

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function render(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
}

/** "substance_use" -> "substance use": vocabulary values read as words in messages. */
export function words(value: string): string {
  return value.replaceAll('_', ' ');
}

/** A fact as it is cited in a message: lists joined, vocabulary values as words. */
export function formatFact(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => words(String(v))).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return words(String(value));
}

/** The text for `language`, falling back to English (always present: the schemas require it). */
export function pick<T>(texts: Readonly<Record<string, T>>, language: string): T {
  return texts[language] ?? texts[language.split('-')[0]!] ?? (texts.en as T);
}
