// Rendering of catalogue messages. Placeholders are {{factName}}; the loader has already refused
// any placeholder that is not a known fact, so a missing value here is a bug, shown plainly.

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

// Templates split once into literal text and names (even indexes text, odd indexes names): the
// matcher renders thousands of messages per case, and re-scanning each template dominated.
const compiled = new Map<string, string[]>();

export function render(template: string, params: Readonly<Record<string, string | number>>): string {
  let parts = compiled.get(template);
  if (!parts) {
    if (compiled.size > 20_000) compiled.clear(); // bounded: templates come from the catalogue, but a service may reload it
    parts = template.split(PLACEHOLDER);
    compiled.set(template, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (name in params ? String(params[name]) : `{{${name}}}`) + parts[i + 1]!;
  }
  return out;
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
