import { roles } from '../../main/contract/people';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../main/loaders/catalogue';
import { Duration, Need, Status, weekDays } from '../../main/contract/options';
import { methodNames } from '../../main/contract/methodNames';
import { catalogues, hasMessage, languages, messages, resources as shared } from '../../main/contract/messages';
import { resources } from '../../renderer/src/i18n';
import { collectKeys, sourceFiles } from './messageKeys';
import { storeHolders } from '../../main/store/lock';
import { caseReportStates } from '../../main/contract/case';

// Every string the user sees comes from the one message catalogue (main/contract/messages), read by
// main, the CLI and the screens alike; these checks keep it complete and keep main honest with it.
const messagesDir = 'main/contract/messages';
const english = catalogues.en as Record<string, unknown>;
// Any literal in main/ shaped like `area.name`, for an area of the catalogue, is a key to check,
// except the names that share that shape: the API's method names and the forms' field ids.
const areas = new Set([...Object.keys(english), 'errors', 'validation', 'forms', 'options', 'conditions', 'report', 'programmes', 'cli']);
const fieldIds = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return fieldIds(p);
    return [...fs.readFileSync(p, 'utf8').matchAll(/"id":\s*"([^"]+)"/g)].map((m) => m[1]!);
  });
const notKeys = new Set<string>([...methodNames, ...fieldIds('templates/forms')]);

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

describe('the message catalogue', () => {
  it('is the catalogue the screens use: the renderer adds no strings of its own', () => {
    expect(resources).toBe(shared);
    expect(fs.existsSync('renderer/src/i18n/locales')).toBe(false);
  });

  it('is one folder per language, each with the same files, and no file hides another’s keys', () => {
    const folders = fs.readdirSync(messagesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual([...languages].sort());
    const englishFiles = fs.readdirSync(path.join(messagesDir, 'en')).filter((f) => f.endsWith('.json')).sort();
    for (const language of folders) {
      const files = fs.readdirSync(path.join(messagesDir, language)).filter((f) => f.endsWith('.json')).sort();
      expect(files, language).toEqual(englishFiles);
      const seen = new Map<string, string>();
      for (const file of files) {
        for (const key of Object.keys(JSON.parse(fs.readFileSync(path.join(messagesDir, language, file), 'utf8')) as object)) {
          expect(seen.get(key), `${language}: ${key} is defined in both ${seen.get(key)} and ${file}`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });

  it('has every text of English in every language, with each plural form that language uses', () => {
    const flat = (node: unknown, prefix = ''): string[] =>
      typeof node === 'string' ? [prefix] : Object.entries(node as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
    const suffix = /_(zero|one|two|few|many|other)$/;
    const bases = (keys: string[]) => new Set(keys.map((k) => k.replace(suffix, '')));
    const englishKeys = flat(english);
    for (const language of languages) {
      const keys = new Set(flat(catalogues[language]));
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const base of bases(englishKeys)) {
        const plural = englishKeys.some((k) => k !== base && k.replace(suffix, '') === base);
        if (!plural) {
          if (!keys.has(base)) missing.push(base);
        } else {
          for (const c of categories) if (!keys.has(`${base}_${c}`)) missing.push(`${base}_${c}`);
        }
      }
      expect(missing, language).toEqual([]);
    }
  });

  it('has a string for every key the screens ask for by name', () => {
    const missing: string[] = [];
    for (const file of sourceFiles('renderer/src')) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        if (!has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a string for every key main can send, so no screen falls back to main’s English', () => {
    const { keys } = collectKeys('main', areas);
    const found = keys.filter((k) => !notKeys.has(k.key));
    // The collector sees the keys of each area it is meant to see (it would miss nothing silently).
    for (const key of ['errors.childJustice', 'validation.required', 'forms.participationFirst', 'conditions.notLinked', 'options.note.preTrial']) {
      expect(found.map((k) => k.key)).toContain(key);
    }
    const missing = found.filter((k) => !hasMessage(k.key)).map((k) => `${k.file}:${k.line} ${k.key}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('has a string for every key main builds at run time', () => {
    const { dynamic } = collectKeys('main', areas);
    // Each kind of run-time key with the ids it is built from; a new kind needs its line here.
    const enumerated: Record<string, readonly string[]> = {
      'need.${c.link.need}': Need.options.map((n) => `need.${n}`),
      'report.role.${input.author.role}': roles.map((r) => `report.role.${r}`),
      'report.role.${p.role}': roles.map((r) => `report.role.${r}`),
      'report.role.${added.role}': roles.map((r) => `report.role.${r}`),
      'cli.matchStatus.${item.status}': Status.options.map((s) => `cli.matchStatus.${s}`),
      'report.docx.duration.${d.unit}': Duration.shape.unit.options.map((u) => `report.docx.duration.${u}`),
      'conditions.day.${WEEK_DAYS[i]}': weekDays.map((d) => `conditions.day.${d}`),
      'errors.storeInUseBy.${owner.holder}': storeHolders.map((h) => `errors.storeInUseBy.${h}`),
      // A report's state in `psr report life` and `psr case list`: a version's, or none.
      'lifecycle.state.${state}': caseReportStates.map((s) => `lifecycle.state.${s}`),
      'lifecycle.state.${c.state}': caseReportStates.map((s) => `lifecycle.state.${s}`),
      'lifecycle.done.${done}': ['submit', 'return', 'countersign', 'issue'].map((s) => `lifecycle.done.${s}`),
      // The `ids` formatter's prefixes are checked with the texts that name them, below.
      '${options.prefix}.${id}': [],
    };
    const known = new Set([...Object.keys(enumerated), 'options.rules.${c.rule.id}.${outcome}', "options.${ruleId}${outcome === 'unknown' ? '_unknown' : ''}"]);
    expect(dynamic.filter((d) => !known.has(d.key)).map((d) => `${d.file}:${d.line} ${d.key}`)).toEqual([]);
    expect(Object.values(enumerated).flat().filter((k) => !hasMessage(k))).toEqual([]);

    // A catalogue rule's texts are the options data's own (one text per language, English
    // required by its schema); main sends them already in the report's language.
    const catalogue = loadCatalogue();
    expect(catalogue.rules.size).toBeGreaterThan(0);
    for (const rule of catalogue.rules.values()) {
      expect(rule.rule.met.en, rule.rule.id).toBeTruthy();
      expect(rule.rule.failed.en, rule.rule.id).toBeTruthy();
    }

    // A programme's own eligibility checks: each `add('programme.x', ..., 'unknown'?)` in the matcher.
    const matcher = fs.readFileSync('main/domain/options/match.ts', 'utf8');
    const calls = matcher
      .split('\n')
      .flatMap((line) => [...line.matchAll(/\badd\('(programme\.\w+)'/g)].map((m) => `options.${m[1]}${/'unknown'\);\s*$/.test(line) ? '_unknown' : ''}`));
    expect(calls.length).toBeGreaterThan(12);
    expect(calls.filter((k) => !hasMessage(k))).toEqual([]);
  });

  it('words ids only from groups of words it has: every `ids(prefix: ...)` names one', () => {
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node === 'string') texts.push(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(english);
    const prefixes = new Set(texts.flatMap((s) => [...s.matchAll(/ids\(prefix: ([\w.]+)/g)].map((m) => m[1]!)));
    expect(prefixes.size).toBeGreaterThan(5);
    for (const prefix of prefixes) {
      const group = prefix.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown> | undefined)?.[part], english);
      expect(typeof group, prefix).toBe('object');
    }
  });

  it('makes plurals by the language’s own rules, not by adding an s', () => {
    const t = messages('en').t;
    expect(t('cases.count', { count: 1 })).toBe('1 case');
    expect(t('cases.count', { count: 2 })).toBe('2 cases');
    expect(t('conditions.tooManyUnassessed', { count: 1, limit: 0 })).toBe('1 requirement, but no structured risk assessment is recorded to justify more than 0.');
    expect(t('options.programme.capacity', { option: 'Riverside', context: 'waiting', count: 1 })).toBe('Riverside has no places now; the wait is about 1 week.');
    // Main's own English never builds a plural either: every "(s)" or `'s' :` is gone from main/.
    const surgery = sourceFiles('main').flatMap((f) => (/[a-z]{3,}\(s\) [a-z]|\? 's' :/.test(fs.readFileSync(f, 'utf8')) ? [f] : []));
    expect(surgery).toEqual([]);
  });

  it('turns ids sent as params into the words of the language, joined as the language joins a list', () => {
    const t = messages('en').t;
    expect(t('conditions.needNotRecorded', { need: 'substance_use' })).toBe('Linked to substance use, but no substance use need is recorded in the assessment.');
    expect(t('options.note.preferNonCustodial', { circumstances: 'pregnant,primaryCaregiver' })).toMatch(/^The person is recorded as pregnant and a primary caregiver: /);
    expect(t('options.programme.risk_unknown', { option: 'Riverside', levels: 'low,medium' })).toBe('Riverside takes people assessed at low or medium risk; no structured risk assessment is recorded.');
  });

  it('prints what a person typed as it is: a param is never read as a key, nesting or a placeholder', () => {
    const typed = '$t(errors.childJustice) {{risk}} <b>';
    expect(t2('conditions.riskLinkNotAssessed', { risk: typed })).toBe(`Linked to the risk “${typed}”, but no structured risk assessment is recorded.`);
    expect(t2('conditions.needNotRecorded', { need: '$t(errors.offline)' })).toBe('Linked to $t(errors.offline), but no $t(errors.offline) need is recorded in the assessment.');
    const window = JSON.stringify([{ days: ['mon', 'tue', 'wed'], start: '09:00', end: '10:00', label: '$t(errors.offline)' }]);
    expect(t2('conditions.scheduleClash', { what: 'work', condition: window, recorded: window, atDay: 'tue', atTime: '09:00' })).toBe(
      'Clashes with the recorded working hours: the condition’s 09:00-10:00 Monday to Wednesday ($t(errors.offline)) overlaps 09:00-10:00 Monday to Wednesday ($t(errors.offline)) (first on Tuesday 09:00).',
    );
  });

  it('gives the two meanings of an unassessed risk two keys', () => {
    expect(t2('conditions.riskLinkNotAssessed', { risk: 'contact with the victim' })).toBe('Linked to the risk “contact with the victim”, but no structured risk assessment is recorded.');
    expect(t2('conditions.tooManyUnassessed', { count: 4, limit: 2 })).toBe('4 requirements, but no structured risk assessment is recorded to justify more than 2.');
    expect(hasMessage('conditions.riskNotAssessed')).toBe(false);
  });
});

const t2 = (key: string, params: Record<string, unknown>) => messages('en').t(key, params);
