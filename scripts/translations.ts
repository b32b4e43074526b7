// The translator's tool for the data files (docs/languages.md):
//
//   npm run translations -- missing fr > fr-missing.json   every text French lacks, keyed, in English
//   npm run translations -- merge fr fr-done.json          writes the translated file back in place
//
// Keys name where a text lives: `forms/sections/caregiving.json#/fields/0/label` (an inline text),
// the same with `@name` for a part of an option's wording, `template#<the English text>` for the
// report templates' dictionary, `jurisdiction#<field>` for the default jurisdiction's own words.
// The message catalogue is not handled here: it is one folder per language in main/contract/messages.
import fs from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../main/loaders/dataFiles';
import { listReportTemplates } from '../main/loaders/reportTemplates';
import { allTemplateTexts, inlineTextFiles, inlineTexts, TemplateTranslationFile, templateTranslationsDir } from '../main/loaders/translations';
import { formatDataJson } from './dataJson';

const RTL = new Set(['ar', 'fa', 'he', 'ur']);
const JURISDICTION_FIELDS = ['name', 'serviceName', 'protectiveMarking', 'logoAltText'] as const;

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function dictionaryFile(language: string): string {
  return path.join(templateTranslationsDir(), `${language}.json`);
}

function dictionary(language: string): TemplateTranslationFile {
  const file = dictionaryFile(language);
  if (fs.existsSync(file)) return TemplateTranslationFile.parse(readJson(file));
  return { format: 'psr-template-translation', formatVersion: 1, language, direction: RTL.has(language) ? 'rtl' : 'ltr', texts: {} };
}

function missing(language: string): Record<string, string> {
  const root = templatesDir();
  const out: Record<string, string> = {};
  for (const file of inlineTextFiles(root)) {
    for (const text of inlineTexts(file, readJson(path.join(root, file)))) {
      if (text.byLanguage[language] === undefined) out[`${file}#${text.pointer}${text.part ? `@${text.part}` : ''}`] = text.byLanguage.en!;
    }
  }
  const known = dictionary(language).texts;
  for (const text of allTemplateTexts(listReportTemplates())) if (known[text] === undefined) out[`template#${text}`] = text;
  const jurisdiction = readJson(path.join(root, 'jurisdictions', 'default.json')) as Record<string, unknown> & { logo?: { altText?: string }; languages?: Record<string, Record<string, string>> };
  const english: Record<string, string | undefined> = { name: jurisdiction.name as string, serviceName: jurisdiction.serviceName as string, protectiveMarking: jurisdiction.protectiveMarking as string, logoAltText: jurisdiction.logo?.altText };
  for (const field of JURISDICTION_FIELDS) if (english[field] && jurisdiction.languages?.[language]?.[field] === undefined) out[`jurisdiction#${field}`] = english[field]!;
  return out;
}

function languageOrder(record: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(record).sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}

function at(json: unknown, pointer: string): Record<string, unknown> {
  let node = json as Record<string, unknown>;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node[segment] as Record<string, unknown>;
    if (typeof node !== 'object' || node === null) throw new Error(`${pointer}: no such place`);
  }
  return node;
}

function merge(language: string, translatedFile: string): void {
  const root = templatesDir();
  const translated = readJson(translatedFile) as Record<string, string>;
  const files = new Map<string, unknown>();
  const dict = dictionary(language);
  let count = 0;
  for (const [key, text] of Object.entries(translated)) {
    if (typeof text !== 'string' || !text.trim()) throw new Error(`${key}: the translation is empty`);
    const hash = key.indexOf('#');
    const where = key.slice(0, hash);
    const rest = key.slice(hash + 1);
    if (where === 'template') {
      dict.texts[rest] = text;
    } else if (where === 'jurisdiction') {
      const file = path.join(root, 'jurisdictions', 'default.json');
      const json = (files.get(file) ?? readJson(file)) as Record<string, unknown>;
      const languages = (json.languages ??= {}) as Record<string, Record<string, string>>;
      languages[language] = { ...languages[language], [rest]: text };
      json.languages = languageOrder(languages);
      files.set(file, json);
    } else {
      const file = path.join(root, where);
      const json = files.get(file) ?? readJson(file);
      const [pointer, part] = rest.split('@') as [string, string | undefined];
      const parent = at(json, pointer.slice(0, pointer.lastIndexOf('/')));
      const name = pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
      const node = parent[name] as Record<string, unknown>;
      if (!node || typeof node !== 'object' || node.en === undefined) throw new Error(`${key}: not a localized text`);
      if (part) node[language] = { ...((node[language] as object | undefined) ?? {}), [part]: text };
      else node[language] = text;
      parent[name] = languageOrder(node);
      files.set(file, json);
    }
    count++;
  }
  for (const [file, json] of files) fs.writeFileSync(file, formatDataJson(json));
  if (Object.keys(dict.texts).length) {
    fs.mkdirSync(templateTranslationsDir(), { recursive: true });
    const sorted = { ...dict, texts: Object.fromEntries(Object.entries(dict.texts).sort(([a], [b]) => a.localeCompare(b, 'en'))) };
    fs.writeFileSync(dictionaryFile(language), formatDataJson(TemplateTranslationFile.parse(sorted)));
  }
  console.log(`${count} texts merged into ${files.size} data files${Object.keys(dict.texts).length ? ' and the report templates’ dictionary' : ''}.`);
}

const [command, language, file] = process.argv.slice(2);
if (!language || !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(language)) {
  console.error('Usage: npm run translations -- missing <language> | merge <language> <file>');
  process.exit(2);
}
if (command === 'missing') process.stdout.write(`${JSON.stringify(missing(language), null, 2)}\n`);
else if (command === 'merge' && file) merge(language, file);
else {
  console.error('Usage: npm run translations -- missing <language> | merge <language> <file>');
  process.exit(2);
}
