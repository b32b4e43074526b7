import { AppError, jsonPath, type ApiIssue } from '../../contract/errors';
import {
  factNames,
  type CatalogueOption,
  type ConditionLanguageFile,
  type FactName,
  type OptionSettings,
  type OptionsFile,
  type Rule,
  type RulesFile,
  type VagueTerm,
} from '../../contract/options';
import { validateRule, type Segments } from '../rules/validate';
import { placeholders } from './text';
import { translator } from '../../contract/messages';

// Turns the catalogue files (already shape-checked by zod) into the structure the matcher runs,
// refusing what zod cannot see: duplicate ids and kinds, references to rules or kinds that do not
// exist, JSON Logic with an unknown operator or variable, message placeholders naming no fact,
// regular expressions that do not compile. Every problem names the file and the JSON path.

export interface SourceFile<T> {
  file: string;
  data: T;
}

/** The catalogue as files: JSON-serialisable, so the renderer can receive it and compile it too. */
export interface CatalogueSource {
  rules: SourceFile<RulesFile>[];
  options: SourceFile<OptionsFile>[];
  settings: SourceFile<OptionSettings>;
  conditionLanguages: SourceFile<ConditionLanguageFile>[];
}

export interface CompiledRule {
  rule: Rule;
  /** Every fact the rule reads or cites; if any is not recorded the outcome is `unknown`. */
  reads: FactName[];
}

export interface CompiledOption {
  option: CatalogueOption;
  rules: CompiledRule[];
}

export interface CompiledVagueTerm {
  term: VagueTerm;
  re: RegExp;
}

export interface ConditionLanguage {
  language: string;
  vagueTerms: CompiledVagueTerm[];
  timeLimit: RegExp[];
  review: RegExp[];
  /** Day words to day codes, longest first; "weekdays" and friends expand to several days. */
  dayWords: Array<{ word: string; days: readonly string[] }>;
  rangeWords: string[];
}

export interface Catalogue {
  options: CompiledOption[];
  byId: ReadonlyMap<string, CompiledOption>;
  byKind: ReadonlyMap<string, CompiledOption>;
  rules: ReadonlyMap<string, CompiledRule>;
  settings: OptionSettings;
  languages: ReadonlyMap<string, ConditionLanguage>;
}

const FACTS = new Set<string>(factNames);

class Problems {
  readonly issues: ApiIssue[] = [];
  add(file: string, path: string, reason: string): void {
    this.issues.push({ path, message: `${file} ${path}: ${reason}`, key: 'options.catalogueInvalid', params: { file } });
  }
  throwIfAny(): void {
    if (this.issues.length === 0) return;
    const first = this.issues[0]!;
    const more = this.issues.length > 1 ? ` (${translator()('errors.andMore', { count: this.issues.length - 1 })})` : '';
    throw new AppError('invalid_input', `The options catalogue was refused: ${first.message}${more}`, {
      path: first.path,
      issues: this.issues,
      key: 'errors.catalogueRefused',
      params: { count: this.issues.length },
    });
  }
}

function compileRule(rule: Rule, file: string, at: Segments, problems: Problems): CompiledRule {
  const check = validateRule(rule.failsWhen, 'catalogue', { file, path: [...at, 'failsWhen'] });
  for (const issue of check.issues) problems.add(file, issue.path, issue.reason);
  const reads = new Set<string>(check.reads);
  for (const part of ['failed', 'met'] as const) {
    for (const [lang, text] of Object.entries(rule[part])) {
      for (const name of placeholders(text)) {
        if (FACTS.has(name)) reads.add(name);
        else problems.add(file, jsonPath([...at, part, lang]), `the message cites {{${name}}}, which is not a fact`);
      }
    }
  }
  // In the order of factNames, so "not recorded" lists read the same way everywhere.
  return { rule, reads: factNames.filter((f) => reads.has(f)) };
}

/** A phrase as a regular expression: whole words only, any spacing, any case. */
export function phraseRegExp(phrase: string): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  // Chinese and Japanese write words without spaces: a phrase there is found wherever it stands.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(body)) return new RegExp(body, 'iu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

function compileRegExp(source: string, file: string, path: string, problems: Problems): RegExp {
  try {
    return new RegExp(source, 'iu');
  } catch (e) {
    problems.add(file, path, `not a valid regular expression (${(e as Error).message})`);
    return /(?!)/;
  }
}

function compileLanguage({ file, data }: SourceFile<ConditionLanguageFile>, problems: Problems): ConditionLanguage {
  const vagueTerms = data.vagueTerms.map((term, i) => ({
    term,
    re: term.phrase !== undefined ? phraseRegExp(term.phrase) : compileRegExp(term.pattern!, file, `$.vagueTerms[${i}].pattern`, problems),
  }));
  const dayWords: ConditionLanguage['dayWords'] = [];
  for (const [day, ws] of Object.entries(data.days)) for (const word of ws) dayWords.push({ word: word.toLowerCase(), days: [day] });
  for (const word of data.everyDay) dayWords.push({ word: word.toLowerCase(), days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
  for (const word of data.weekdays) dayWords.push({ word: word.toLowerCase(), days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
  for (const word of data.weekends) dayWords.push({ word: word.toLowerCase(), days: ['sat', 'sun'] });
  const seen = new Map<string, string>();
  dayWords.forEach(({ word, days }) => {
    const prev = seen.get(word);
    if (prev !== undefined && prev !== days.join()) problems.add(file, '$.days', `the day word "${word}" is given for two different days`);
    seen.set(word, days.join());
  });
  dayWords.sort((a, b) => b.word.length - a.word.length || (a.word < b.word ? -1 : 1));
  return {
    language: data.language,
    vagueTerms,
    timeLimit: data.timeLimitPatterns.map((p, i) => compileRegExp(p, file, `$.timeLimitPatterns[${i}]`, problems)),
    review: data.reviewPatterns.map((p, i) => compileRegExp(p, file, `$.reviewPatterns[${i}]`, problems)),
    dayWords,
    rangeWords: data.rangeWords.map((w) => w.toLowerCase()),
  };
}

/** Checks the references across all catalogue files and compiles them; throws listing every problem. */
export function compileCatalogue(source: CatalogueSource): Catalogue {
  const problems = new Problems();
  const rules = new Map<string, CompiledRule>();
  const ruleOrigin = new Map<string, string>();
  const addRule = (rule: Rule, file: string, at: Segments) => {
    const compiled = compileRule(rule, file, at, problems);
    const prev = ruleOrigin.get(rule.id);
    if (prev !== undefined) problems.add(file, jsonPath([...at, 'id']), `duplicate rule id "${rule.id}" (first defined in ${prev})`);
    else {
      rules.set(rule.id, compiled);
      ruleOrigin.set(rule.id, file);
    }
    return compiled;
  };
  for (const { file, data } of source.rules) data.rules.forEach((r, i) => addRule(r, file, ['rules', i]));

  const options: CompiledOption[] = [];
  const byId = new Map<string, CompiledOption>();
  const byKind = new Map<string, CompiledOption>();
  const origin = new Map<string, string>();
  const pending: Array<{ file: string; path: string; option: CatalogueOption; inline: CompiledRule[]; compiled: CompiledOption }> = [];
  for (const { file, data } of source.options) {
    data.options.forEach((option, i) => {
      const path = `$.options[${i}]`;
      const compiled: CompiledOption = { option, rules: [] };
      // Inline rules join the library now, so a duplicate id anywhere is caught; references wait.
      const inline: CompiledRule[] = [];
      option.rules.forEach((r, j) => {
        if (typeof r !== 'string') inline.push(addRule(r, file, ['options', i, 'rules', j]));
      });
      if (origin.has(`id:${option.id}`)) problems.add(file, `${path}.id`, `duplicate option id "${option.id}" (first defined in ${origin.get(`id:${option.id}`)})`);
      else if (origin.has(`kind:${option.kind}`)) problems.add(file, `${path}.kind`, `duplicate option kind "${option.kind}" (first defined in ${origin.get(`kind:${option.kind}`)}); a programme must name one option`);
      else {
        origin.set(`id:${option.id}`, file);
        origin.set(`kind:${option.kind}`, file);
        byId.set(option.id, compiled);
        byKind.set(option.kind, compiled);
        options.push(compiled);
      }
      pending.push({ file, path, option, inline, compiled });
    });
  }
  // References are resolved once every file is read, so rule files and option files may come in any order.
  for (const { file, path, option, inline, compiled } of pending) {
    let inlineAt = 0;
    option.rules.forEach((r, j) => {
      if (typeof r !== 'string') {
        compiled.rules.push(inline[inlineAt++]!);
        return;
      }
      const found = rules.get(r);
      if (!found) problems.add(file, `${path}.rules[${j}]`, `unknown rule "${r}"`);
      else compiled.rules.push(found);
    });
    const ids = compiled.rules.map((c) => c.rule.id);
    ids.forEach((id, j) => {
      if (ids.indexOf(id) !== j) problems.add(file, `${path}.rules`, `the rule "${id}" is listed twice`);
    });
    option.onlyWith?.forEach((kind, j) => {
      if (!byKind.has(kind)) problems.add(file, `${path}.onlyWith[${j}]`, `unknown option kind "${kind}"`);
    });
  }

  const languages = new Map<string, ConditionLanguage>();
  for (const lang of source.conditionLanguages) {
    if (languages.has(lang.data.language)) problems.add(lang.file, '$.language', `a second condition-language file for "${lang.data.language}"`);
    languages.set(lang.data.language, compileLanguage(lang, problems));
  }
  if (!languages.has('en')) problems.add(source.settings.file, '$', 'no English condition-language file (conditions.en.json) was found; English is the fallback');
  problems.throwIfAny();
  return { options, byId, byKind, rules, settings: source.settings.data, languages };
}
