import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../renderer/src/i18n';

// Every string the user sees goes through i18next; these checks keep the English text complete.
const localesDir = 'renderer/src/i18n/locales';
const files = fs.readdirSync(localesDir).filter((f) => f.endsWith('.en.json') || f === 'en.json');
const english = resources.en.translation as Record<string, unknown>;

function has(key: string): boolean {
  let node: unknown = english;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return false;
    const record = node as Record<string, unknown>;
    node = part in record ? record[part] : (record[`${part}_one`] ?? record[`${part}_other`]);
    if (node === undefined) return false;
  }
  return true;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the English text of the interface', () => {
  it('keeps each area’s strings apart: no locale file hides another’s keys', () => {
    const seen = new Map<string, string>();
    for (const file of files) {
      for (const key of Object.keys(JSON.parse(fs.readFileSync(path.join(localesDir, file), 'utf8')) as object)) {
        expect(seen.get(key), `${key} is defined in both ${seen.get(key)} and ${file}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });

  it('has a string for every key the screens ask for by name', () => {
    const missing: string[] = [];
    for (const file of sources('renderer/src')) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        if (!has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
