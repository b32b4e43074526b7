import fs from 'node:fs';
import path from 'node:path';

// Collects, from the source of main/, every message key main can send: string literals written
// where a key goes (`key: ...`, `params: { key: ... }`, the key argument of the form and rule
// checkers), and any literal that names a key of the catalogue's areas. A key built at run time
// (a template literal) is reported apart so a test can enumerate it from the data it comes from.
export interface FoundKey {
  key: string;
  file: string;
  line: number;
}

const literal = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
const keyShape = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;
const fileShape = /\.(json|ts|tsx|mjs|js|docx|pdf|sqlite|md|txt|html)$/;

export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The text of the expression that starts at `from`, up to the first `,` `;` `}` or `)` outside brackets and strings. */
function expressionAt(text: string, from: number): string {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return text.slice(from, i);
      depth--;
    } else if ((c === ',' || c === ';' || c === '\n') && depth === 0) return text.slice(from, i);
  }
  return text.slice(from);
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

export function collectKeys(root: string, namespaces: ReadonlySet<string>): { keys: FoundKey[]; dynamic: FoundKey[] } {
  const keys: FoundKey[] = [];
  const dynamic: FoundKey[] = [];
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    // Where a key goes: `key: <expression>` (an issue, an error, a zod refinement's params).
    for (const m of text.matchAll(/\bkey:\s*/g)) {
      const at = m.index + m[0].length;
      const expr = expressionAt(text, at);
      for (const l of expr.matchAll(literal)) {
        const value = l[1] ?? l[2] ?? l[3] ?? '';
        const where = { file, line: lineOf(text, at) };
        if (l[3] !== undefined && value.includes('${')) dynamic.push({ key: value, ...where });
        else if (keyShape.test(value)) keys.push({ key: value, ...where });
      }
    }
    // A key built at run time and looked up with `t(...)`.
    for (const m of text.matchAll(/(?:\bt|\btranslator\([^()]*\))\(\s*`((?:[^`\\]|\\.)*)`/g)) {
      if (m[1]!.includes('${')) dynamic.push({ key: m[1]!, file, line: lineOf(text, m.index) });
    }
    // Anywhere else: a literal shaped like a key in one of the catalogue's areas.
    for (const l of text.matchAll(literal)) {
      const value = l[1] ?? l[2] ?? '';
      if (l[3] !== undefined || !keyShape.test(value) || fileShape.test(value)) continue;
      if (namespaces.has(value.split('.')[0]!)) keys.push({ key: value, file, line: lineOf(text, l.index) });
    }
  }
  return { keys, dynamic };
}
