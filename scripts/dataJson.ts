// Data files are read and edited by people: written back with two-space indents, and an object or
// list that fits on one line (a rule, a short localized text) kept on one line, as they were written.
const WIDTH = 140;

function inline(value: unknown): string {
  if (Array.isArray(value)) return value.length ? `[${value.map(inline).join(', ')}]` : '[]';
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

function format(value: unknown, indent: string, room: number): string {
  const flat = inline(value);
  if (flat.length <= room || typeof value !== 'object' || value === null) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner, WIDTH - inner.length)).join(',\n')}\n${indent}]`;
  return `{\n${Object.entries(value)
    .map(([k, v]) => {
      const head = `${inner}${JSON.stringify(k)}: `;
      return head + format(v, inner, WIDTH - head.length);
    })
    .join(',\n')}\n${indent}}`;
}

export function formatDataJson(value: unknown): string {
  // The top level always opens up, one key per line.
  return `${format(value, '', 0)}\n`;
}
