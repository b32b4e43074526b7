import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { currentActor, DB_FILE_NAME, defaultDataDir, openCore, type AppCore } from '../api/app';
import { formForReportType, loadForms } from '../api/forms';
import { localDate } from '../api/handlers';
import { AUTHOR_ROLE } from '../api/reportHandlers';
import { loadJurisdiction } from '../api/templatesDir';
import { restoreBackup, restoreLatestBackup } from '../store/recovery';
import type { Input, Method, Output } from '../contract/api';
import type { CaseRecord, CaseSummary } from '../contract/case';
import type { CaseFile } from '../contract/caseFile';
import { AppError, type ApiError } from '../contract/errors';
import { Proposal } from '../contract/options';
import { deriveProfile, disclosableInterview, matchOptions, withheldReasons } from '../domain/options';
import type { Interview } from '../contract/interview';
import { loadCatalogueWithSource } from '../api/options';
import type { DroppedCharacters } from '../contract/report';
import { isoDate } from '../contract/text';
import { parseOrThrow } from '../contract/validate';
import { parseCaseFile } from '../domain/caseFile';
import { ruleFacts } from '../domain/forms';
import { answerSectionsOf, buildReportContext } from '../domain/report/context';
import { renderReportFile } from '../export';
import { loadReportTemplate } from '../export/templates';
import type { MatchResult } from '../contract/options';
import type { ProgrammeRecord } from '../contract/optionsApi';

// The command-line door: the same handlers through the same dispatch. Human-readable output by
// default, --json for machines. Exit codes: 0 success, 1 user error, 2 internal error.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USER_ERROR = 1;
const INTERNAL_ERROR = 2;

class CliFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

function exitCodeFor(error: ApiError): number {
  return error.code === 'internal' ? INTERNAL_ERROR : USER_ERROR;
}

const stdio: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function runCli(argv: string[], io: CliIo = stdio, open: typeof openCore = openCore): Promise<number> {
  let core: AppCore | null = null;
  let json = false;
  const program = new Command();

  const getCore = (): AppCore => {
    if (!core) {
      const opts = program.opts<{ dataDir?: string }>();
      core = open(opts.dataDir ? { dataDir: opts.dataDir } : {});
    }
    return core;
  };
  async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const result = await getCore().dispatch(method, input, { actor: currentActor(), door: 'cli' });
    if (!result.ok) throw new CliFailure(result.error);
    return result.value as Output<M>;
  }
  const print = (value: unknown, human: () => string) => io.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);

  program
    .name('psr')
    .description('Pre-sentence report author: command line')
    .option('--data-dir <dir>', 'use this data folder instead of the default (or PSR_DATA_DIR)')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) })
    .hook('preAction', () => {
      json = Boolean(program.opts<{ json?: boolean }>().json);
    });

  const cases = program.command('case').description('list and show cases');
  cases
    .command('list')
    .description('list cases, soonest report due first')
    .option('-q, --query <text>', 'search by name or case number')
    .option('--sort <order>', 'due_date | due_date_desc | last_saved | case_number', 'due_date')
    .option('--limit <n>', 'how many to show', '50')
    .action(async (o: { query?: string; sort: string; limit: string }) => {
      const limit = Number(o.limit);
      const result = await call('cases.list', {
        ...(o.query ? { query: o.query } : {}),
        sort: o.sort as Input<'cases.list'>['sort'],
        limit: Number.isInteger(limit) ? limit : (o.limit as unknown as number),
      });
      print(result, () => formatCaseList(result.items, result.total));
    });
  cases
    .command('show <id>')
    .description('show one case')
    .action(async (id: string) => {
      const record = await call('cases.get', { id });
      print(record, () => formatCase(record));
    });

  program
    .command('import <caseFile>')
    .description('import a case file (JSON); nothing is written unless the whole file is valid')
    .action(async (file: string) => {
      const raw = readJsonFile(file);
      const record = await call('caseFile.import', { file: raw });
      print(record, () => `Imported case ${record.details.caseNumber} (${record.details.person.familyName}) as ${record.id}.`);
    });

  program
    .command('export-case <id>')
    .description('write a case as a case file (JSON)')
    .requiredOption('--out <file>', 'where to write the case file')
    .option('--force', 'overwrite the file if it exists')
    .option('--with-programmes', 'include the local programmes, so `psr render` matches them without this store')
    .action(async (id: string, o: { out: string; force?: boolean; withProgrammes?: boolean }) => {
      const caseFile = await call('caseFile.export', { id, ...(o.withProgrammes ? { includeProgrammes: true } : {}) });
      const out = path.resolve(o.out);
      writeNewFile(out, `${JSON.stringify(caseFile, null, 2)}\n`, Boolean(o.force));
      print({ path: out }, () => `Wrote ${out}.`);
    });

  const printExport = (out: string, result: { contentHash: string; dropped: DroppedCharacters[] }) =>
    print({ path: out, contentHash: result.contentHash, dropped: result.dropped }, () =>
      [
        `Wrote ${out}.`,
        `Content hash: ${result.contentHash}`,
        ...(result.dropped.length === 0
          ? []
          : [
              `Dropped ${result.dropped.reduce((n, d) => n + d.count, 0)} character(s) that a Word document cannot hold:`,
              ...result.dropped.map((d) => `  ${d.path}: ${d.codePoints.join(' ')} (${d.count})`),
            ]),
      ].join('\n'),
    );

  program
    .command('export <caseId>')
    .description('write a stored case as a court-ready DOCX report (a draft)')
    .requiredOption('--template <id>', 'report template id, such as full-report')
    .requiredOption('--out <file>', 'where to write the .docx')
    .option('--force', 'overwrite the file if it exists')
    .action(async (caseId: string, o: { template: string; out: string; force?: boolean }) => {
      const result = await call('report.export', { caseId, templateId: o.template });
      const out = path.resolve(o.out);
      writeNewFile(out, Buffer.from(result.docxBase64, 'base64'), Boolean(o.force));
      printExport(out, result);
    });

  program
    .command('render <caseFile>')
    .description('write a DOCX report straight from a case file (JSON), without the store')
    .requiredOption('--template <id>', 'report template id, such as full-report')
    .requiredOption('--out <file>', 'where to write the .docx')
    .option('--report-date <date>', 'the date of the report, YYYY-MM-DD (default: today)')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, o: { template: string; out: string; reportDate?: string; force?: boolean }) => {
      const result = await renderCaseFile(readJsonFile(file), o.template, o.reportDate);
      const out = path.resolve(o.out);
      writeNewFile(out, result.bytes, Boolean(o.force));
      printExport(out, result);
    });

  const programmes = program.command('programmes').description('local programmes the service adds to the options catalogue');
  programmes
    .command('list')
    .description('list programmes, retired ones last')
    .option('--active', 'leave out retired programmes')
    .action(async (o: { active?: boolean }) => {
      const list = await call('programmes.list', { includeRetired: !o.active });
      print(list, () => formatProgrammes(list));
    });
  programmes
    .command('add <file>')
    .description('add a programme described in a JSON file (name, provider, kind, needs, eligibility, ...)')
    .action(async (file: string) => {
      const created = await call('programmes.create', { details: readJsonFile(file) as Input<'programmes.create'>['details'] });
      print(created, () => `Added programme ${created.name} (${created.kind}) as ${created.id}.`);
    });
  programmes
    .command('retire <id>')
    .description('retire a programme: it takes no new referrals but stays readable in old reports')
    .action(async (id: string) => {
      const current = (await call('programmes.list', { includeRetired: true })).find((p) => p.id === id);
      if (!current) throw new AppError('not_found', `There is no programme with id ${id}.`);
      const retired = await call('programmes.retire', { id, version: current.version });
      print(retired, () => `Retired programme ${retired.name} (${retired.id}).`);
    });
  programmes
    .command('export')
    .description('write every programme to a JSON file')
    .requiredOption('--out <file>', 'where to write the programmes file')
    .option('--force', 'overwrite the file if it exists')
    .action(async (o: { out: string; force?: boolean }) => {
      const file = await call('programmes.export', { includeRetired: true });
      const out = path.resolve(o.out);
      writeNewFile(out, `${JSON.stringify(file, null, 2)}\n`, Boolean(o.force));
      print({ path: out, programmes: file.programmes.length }, () => `Wrote ${file.programmes.length} programme(s) to ${out}.`);
    });
  programmes
    .command('import <file>')
    .description('import a programmes file; nothing is written unless the whole file is valid')
    .action(async (file: string) => {
      const result = await call('programmes.import', { file: readJsonFile(file) });
      print(result, () => `Imported ${file}: ${result.created} added, ${result.updated} updated, ${result.unchanged} unchanged.`);
    });

  program
    .command('options <caseId>')
    .description('the community options matched for a case, least restrictive first, with the reasons')
    .action(async (caseId: string) => {
      const result = await call('options.match', { caseId });
      print(result, () => formatMatch(result));
    });

  // The condition checks of the saved proposal, grouped as the Proposal page shows them: the open
  // count, each condition's checks in the proposal's order, the whole-proposal checks, and
  // acknowledgements whose check no longer arises.
  program
    .command('conditions <caseId>')
    .description("the condition checks of a case's saved proposal, as the Proposal page shows them")
    .action(async (caseId: string) => {
      const result = await call('proposal.get', { caseId });
      print({ version: result.version, ...result.checks }, () => {
        if (!result.proposal) return 'No proposal has been saved for this case.';
        const { checks, open, staleAcknowledgements } = result.checks;
        const line = (c: (typeof checks)[number]) => `  - ${c.message}${c.acknowledged ? `\n    Acknowledged: ${c.acknowledged.reason}` : ''}`;
        const out = [`${open} ${open === 1 ? 'check is' : 'checks are'} open (proposal version ${result.version}).`];
        result.proposal.conditions.forEach((condition, i) => {
          const own = checks.filter((c) => c.conditionId === condition.id);
          if (own.length) out.push('', `Checks on condition ${i + 1}: ${condition.text.split('\n')[0]}`, ...own.map(line));
        });
        const general = checks.filter((c) => c.conditionId === undefined);
        if (general.length) out.push('', 'Checks on the whole proposal', ...general.map(line));
        if (staleAcknowledgements.length) out.push('', 'Acknowledgements of checks that no longer arise', ...staleAcknowledgements.map((a) => `  - ${a.checkId}: ${a.reason}`));
        return out.join('\n');
      });
    });

  program
    .command('backup')
    .description('copy the whole store to a file, while it is in use, and check the copy')
    .requiredOption('--out <file>', 'where to write the backup')
    .option('--force', 'overwrite the file if it exists')
    .action(async (o: { out: string; force?: boolean }) => {
      const result = await call('store.backup', { path: o.out, overwrite: Boolean(o.force) });
      print(result, () => `Backed up to ${result.path} (${result.bytes} bytes, integrity ok).`);
    });

  program
    .command('backups')
    .description('list the automatic backups, newest first')
    .action(async () => {
      const list = await call('store.listBackups', {});
      print(list, () => (list.length === 0 ? 'No backups yet.' : list.map((b) => `${b.createdAt}  ${String(b.bytes).padStart(10)} bytes  ${b.path}`).join('\n')));
    });

  program
    .command('restore [backupFile]')
    .description('replace the store with a checked backup; the current file is kept aside, never overwritten')
    .option('--latest', 'restore the newest backup that passes its check')
    .action((file: string | undefined, o: { latest?: boolean }) => {
      // The store must not be open while its file is replaced, so this command does not open it.
      const dataDir = program.opts<{ dataDir?: string }>().dataDir ?? defaultDataDir();
      const dbFile = path.join(dataDir, DB_FILE_NAME);
      if (!file && !o.latest) throw new AppError('invalid_input', 'Name a backup file, or use --latest.');
      const result = file ? restoreBackup(dbFile, path.resolve(file)) : restoreLatestBackup(dbFile, dataDir);
      print(result, () => [`Restored ${result.restoredFrom}.`, ...result.keptAside.map((f) => `Kept the previous file aside as ${f}.`)].join('\n'));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message.
      return e.exitCode === 0 ? 0 : USER_ERROR;
    }
    const error: ApiError =
      e instanceof CliFailure
        ? e.error
        : e instanceof AppError
          ? e.toApiError()
          : { code: 'internal', message: `Internal error: ${(e as Error).message}` };
    if (json) io.err(`${JSON.stringify({ ok: false, error })}\n`);
    else io.err(`psr: ${oneLine(error)}\n`);
    return exitCodeFor(error);
  } finally {
    (core as AppCore | null)?.close();
  }
}

function oneLine(error: ApiError): string {
  const issues = error.issues ?? [];
  if (issues.length > 1) return `${issues.length} problems: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
  return error.message;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('invalid_input', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('invalid_input', `${file} is not valid JSON: ${(e as Error).message}`, { path: '$' });
  }
}

/**
 * A case file (any version) to a DOCX, with forms, jurisdiction and templates read from disk and no
 * store. A later case file version may carry the officer's proposal; when it does, it is used.
 */
export async function renderCaseFile(raw: unknown, templateId: string, reportDate?: string) {
  return renderParsedCaseFile(parseCaseFile(raw), templateId, reportDate);
}

/** A parsed case file to a DOCX; `proposal` is read when the file's version carries one. */
export async function renderParsedCaseFile(caseFile: CaseFile, templateId: string, reportDate?: string) {
  const date = reportDate === undefined ? localDate(new Date()) : parseOrThrow(isoDate, reportDate);
  const rawProposal = caseFile.proposal;
  const proposal = rawProposal === undefined ? undefined : parseOrThrow(Proposal, rawProposal);
  const jurisdiction = loadJurisdiction();
  const template = loadReportTemplate(templateId);
  const form = formForReportType(loadForms(), caseFile.case.reportType) ?? null;
  // The options are matched from the file itself, as the app matches them from the store (local
  // programmes live in a store, so a store-less render lists the catalogue's options only).
  const catalogue = loadCatalogueWithSource().compiled;
  const language = catalogue.languages.get('en');
  const matchOn = (interview: Interview | null) =>
    matchOptions(catalogue, caseFile.programmes ?? [], deriveProfile(caseFile.case, interview, jurisdiction, { ...(form ? { form } : {}), ...(language ? { language } : {}) }), {
      language: 'en',
      ...(proposal ? { proposal } : {}),
    });
  // Statuses from every fact; reasons that would quote a not-for-disclosure answer are withheld.
  const interview = caseFile.interview ?? null;
  const match = withheldReasons(matchOn(interview), matchOn(interview ? disclosableInterview(interview) : null));
  const context = buildReportContext({
    details: caseFile.case,
    interview: caseFile.interview && form ? caseFile.interview : null,
    form,
    facts: ruleFacts(caseFile.case, jurisdiction.youngAdultUpperAge),
    reportDate: date,
    status: 'draft',
    author: { name: currentActor(), role: AUTHOR_ROLE },
    ...(proposal ? { proposal } : {}),
    match,
    language: template.locale ?? template.language,
    answerSections: answerSectionsOf(template),
  });
  return renderReportFile(context, templateId, { jurisdiction });
}

function writeNewFile(file: string, text: string | Uint8Array, overwrite: boolean): void {
  try {
    fs.writeFileSync(file, text, { flag: overwrite ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('refused', `${file} already exists; use --force to overwrite it.`);
    throw new AppError('invalid_input', `Cannot write ${file}: ${code ?? (e as Error).message}.`);
  }
}

function formatProgrammes(list: ProgrammeRecord[]): string {
  if (list.length === 0) return 'No programmes.';
  const rows = [['NAME', 'PROVIDER', 'KIND', 'LOCATION', 'STATUS', 'ID']];
  for (const p of list) rows.push([p.name, p.provider, p.kind, p.location, p.retired ? 'retired' : 'active', p.id]);
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()).join('\n');
}

const STATUS_WORDS = { suitable: 'SUITABLE', suitable_with_concerns: 'WITH CONCERNS', not_suitable: 'NOT SUITABLE' } as const;

function formatMatch(result: MatchResult): string {
  const lines: string[] = [];
  for (const note of result.notes) lines.push(`Note: ${note.message}`);
  if (result.notes.length) lines.push('');
  for (const item of result.items) {
    const provider = item.provider ? ` (${item.provider})` : '';
    lines.push(`${STATUS_WORDS[item.status]}: ${item.name}${provider} [${item.group.replace('_', '-')}, rank ${item.restrictiveness}]`);
    // The deciding facts: every reason that changed the status, or what was met when nothing did.
    const deciding = item.reasons.filter((r) => r.effect !== 'suitable');
    for (const r of deciding.length ? deciding : item.reasons) lines.push(`  - ${r.message}`);
    if (item.needsAddressed.length) lines.push(`  needs addressed: ${item.needsAddressed.map((n) => n.replace(/_/g, ' ')).join(', ')}`);
  }
  return lines.join('\n');
}

function formatCaseList(items: CaseSummary[], total: number): string {
  if (items.length === 0) return 'No cases.';
  const rows = [['DUE', 'HEARING', 'CASE NUMBER', 'NAME', 'COURT', 'ID']];
  for (const c of items) rows.push([c.reportDueDate, c.hearingDate, c.caseNumber, c.personName, c.court, c.id]);
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const lines = rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd());
  if (total > items.length) lines.push(`(${items.length} of ${total} shown)`);
  return lines.join('\n');
}

function formatCase(record: CaseRecord): string {
  const d = record.details;
  const lines = [
    `Case ${d.caseNumber} at ${d.court}`,
    `Person:       ${d.person.familyName}, ${d.person.givenNames} (born ${d.person.dateOfBirth}, ${d.person.gender}, language ${d.person.preferredLanguage})`,
    `Hearing:      ${d.hearingDate}    Report due: ${d.reportDueDate}`,
    `Report type:  ${d.reportType}    Stage: ${d.stage}`,
    'Charges:',
    ...d.charges.map((c, i) => `  ${i + 1}. ${c.offence} (${c.offenceDate}, plea: ${c.plea})`),
    `Version ${record.version}, last saved ${record.updatedAt} by ${record.updatedBy}; id ${record.id}`,
  ];
  return lines.join('\n');
}
