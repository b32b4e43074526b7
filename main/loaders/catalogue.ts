import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { ConditionLanguageFile, OptionSettings, OptionsFile, RulesFile } from '../contract/options';
import { compileCatalogue, type Catalogue, type CatalogueSource } from '../domain/options/catalogue';
import { loadDataFile, templatesDir } from './dataFiles';

// Reads the options catalogue from templates/options/. Files are recognised by name:
//   rules.json, rules.*.json       shared eligibility rules
//   options.*.json                 catalogue options (any number of files)
//   settings.json                  proportionality limits
//   conditions.<lang>.json         vague terms and time words for condition checks, per language
// Any other JSON file is refused rather than ignored: a misnamed file must not vanish silently.

export function optionsDir(): string {
  return path.join(templatesDir(), 'options');
}

export function readCatalogueSource(dir = optionsDir()): CatalogueSource {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new AppError('invalid_input', `${dir}: the options catalogue folder cannot be read (${(e as Error).message}).`, { path: '$', key: 'errors.catalogueUnreadable', params: { file: dir } });
  }
  const source: Omit<CatalogueSource, 'settings'> & { settings?: CatalogueSource['settings'] } = { rules: [], options: [], conditionLanguages: [] };
  for (const name of names) {
    const file = path.join(dir, name);
    if (name === 'rules.json' || /^rules\.[\w-]+\.json$/.test(name)) source.rules.push({ file, data: loadDataFile(file, RulesFile) });
    else if (/^options\.[\w-]+\.json$/.test(name)) source.options.push({ file, data: loadDataFile(file, OptionsFile) });
    else if (name === 'settings.json') source.settings = { file, data: loadDataFile(file, OptionSettings) };
    else if (/^conditions\.[\w-]+\.json$/.test(name)) {
      const data = loadDataFile(file, ConditionLanguageFile);
      const expected = name.slice('conditions.'.length, -'.json'.length);
      if (data.language !== expected) {
        throw new AppError('invalid_input', `${file} $.language: the file name says "${expected}" but the file says "${data.language}".`, {
          path: '$.language',
          key: 'errors.catalogueLanguage',
          params: { file, expected, found: data.language },
        });
      }
      source.conditionLanguages.push({ file, data });
    } else {
      throw new AppError('invalid_input', `${file}: not a catalogue file name (expected rules.json, options.<name>.json, settings.json or conditions.<language>.json).`, {
        path: '$',
        key: 'errors.catalogueFileName',
        params: { file },
      });
    }
  }
  if (!source.settings) {
    throw new AppError('invalid_input', `${path.join(dir, 'settings.json')}: missing; the catalogue needs its settings file.`, {
      path: '$',
      key: 'errors.catalogueNoSettings',
      params: { file: dir },
    });
  }
  if (source.options.length === 0) throw new AppError('invalid_input', `${dir}: no options.<name>.json file was found.`, { path: '$', key: 'errors.catalogueNoOptions', params: { file: dir } });
  return source as CatalogueSource;
}

/** The shipped (or PSR_TEMPLATES_DIR) catalogue, checked and compiled; a broken file is refused naming the file, path and reason. */
export function loadCatalogue(dir = optionsDir()): Catalogue {
  return compileCatalogue(readCatalogueSource(dir));
}

/** The catalogue as the renderer receives it (file names without the folder) and compiled for main. */
export interface LoadedCatalogue {
  source: CatalogueSource;
  compiled: Catalogue;
}

export function loadCatalogueWithSource(dir = optionsDir()): LoadedCatalogue {
  const full = readCatalogueSource(dir);
  const compiled = compileCatalogue(full);
  const base = <T>(f: { file: string; data: T }) => ({ file: path.basename(f.file), data: f.data });
  const source: CatalogueSource = {
    rules: full.rules.map(base),
    options: full.options.map(base),
    settings: base(full.settings),
    conditionLanguages: full.conditionLanguages.map(base),
  };
  return { source, compiled };
}
