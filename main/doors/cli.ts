import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { DOCUMENT_LIMIT_BYTES, readInputBytes, readInputText } from './input';
import type { AppCore, openCore } from '../api/app';
import type { CallContext, DoorSession } from '../api/types';
import type { Role } from '../contract/people';
import type { Input, Method, Output } from '../contract/api';
import type { CaseRecord, CaseSummary } from '../contract/case';
import type { CaseFile } from '../contract/caseFile';
import { AppError, type ApiError } from '../contract/errors';
import type { TFunction } from 'i18next';
import { messageText, translator } from '../contract/messages';
import { shippedLanguageOf, shippedLanguages } from '../contract/languages';
import type { DroppedCharacters, VersionState } from '../contract/report';
import type { MatchResult } from '../contract/options';
import type { ProgrammeRecord } from '../contract/optionsApi';

// The command-line door: the same handlers through the same dispatch. Human-readable output by
// default, --json for machines. Exit codes: 0 success, 1 user error, 2 internal error.
// The core, the store and the export are imported when a command first needs them, so `psr --help`
// loads only commander and the catalogue (docs/ARCHITECTURE.md, "The doors").

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

// The CLI's own words come from the message catalogue, in the language --lang or PSR_LANG names
// (English by default); the help text is built in it, so it is chosen before the commands are.
let t: TFunction = translator('en');

/** The language asked for with --lang (either form) or PSR_LANG, before commander reads argv. */
function messageLanguage(argv: readonly string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') break;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return process.env['PSR_LANG'] || undefined;
}

const stdio: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

const appModule = () => import('../api/app');

export async function runCli(argv: string[], io: CliIo = stdio, open?: typeof openCore): Promise<number> {
  const asked = messageLanguage(argv);
  const language = asked === undefined ? 'en' : shippedLanguageOf(asked);
  if (!language) {
    io.err(`${translator('en')('cli.unknownLanguage', { language: asked, languages: shippedLanguages.join(', ') })}\n`);
    return USER_ERROR;
  }
  t = translator(language);
  let core: AppCore | null = null;
  let json = false;
  /** A command that answers "no" (a file that does not verify) exits 1 without being an error. */
  let exitCode = 0;
  const program = new Command();

  // A command that only reads opens the store read-only beside a running app; one that writes takes
  // the store's lock (main/store/lock.ts), and is refused while the app holds it.
  const getCore = async (writes: boolean): Promise<AppCore> => {
    if (core && writes && !core.writable) {
      core.close();
      core = null;
    }
    if (!core) {
      const opts = program.opts<{ dataDir?: string; as?: string }>();
      const appMod = await appModule();
      const dataDir = opts.dataDir ?? appMod.defaultDataDir();
      const { hasKeyring } = await import('../store/keyringFile');
      if (!open && hasKeyring(dataDir)) {
        // An encrypted store: the command signs in as one person, with that person's passphrase.
        core = await signInForCommand(dataDir, writes, opts.as ?? process.env['PSR_PERSON'], session);
        sessionChosen = true;
      } else {
        core = (open ?? appMod.openCore)({ dataDir, holder: 'cli', onlyReads: !writes, checkWholeFile: false });
      }
    }
    return core;
  };
  // Who the command acts for: --as or PSR_PERSON (an id or a full name), else the store's only person.
  const session: DoorSession = { personId: null };
  let sessionChosen = false;
  async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const { contract } = await import('../contract/api');
    const app = await getCore(contract[method].writes);
    const ctx = { actor: (await appModule()).currentActor(), door: 'cli' as const, session };
    if (!sessionChosen) {
      sessionChosen = true;
      const wanted = program.opts<{ as?: string }>().as ?? process.env['PSR_PERSON'];
      if (wanted) session.personId = await personNamed(app, ctx, wanted);
    }
    const result = await app.dispatch(method, input, ctx);
    if (!result.ok) throw new CliFailure(result.error);
    return result.value as Output<M>;
  }
  const print = (value: unknown, human: () => string) => io.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);

  program
    .name('psr')
    .description(t('cli.description'))
    .option('--data-dir <dir>', t('cli.help.dataDir'))
    .option('--json', t('cli.help.json'))
    .option('--as <person>', t('cli.help.as'))
    .option('--lang <language>', t('cli.help.lang'))
    .helpOption('-h, --help', t('cli.help.help'))
    .helpCommand('help [command]', t('cli.help.helpCommand'))
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) })
    .hook('preAction', () => {
      json = Boolean(program.opts<{ json?: boolean }>().json);
    });

  const cases = program.command('case').description(t('cli.help.case'));
  cases
    .command('list')
    .description(t('cli.help.caseList'))
    .option('-q, --query <text>', t('cli.help.query'))
    .option('--sort <order>', t('cli.help.sort'), 'due_date')
    .option('--limit <n>', t('cli.help.limit'), '50')
    .option('--state <state>', t('cli.help.caseState'))
    .option('--mine', t('cli.help.mine'))
    .action(async (o: { query?: string; sort: string; limit: string; state?: string; mine?: boolean }) => {
      const limit = Number(o.limit);
      const result = await call('cases.list', {
        ...(o.query ? { query: o.query } : {}),
        // The core checks the word, so an unknown state is refused there with the list of states.
        ...(o.state ? { state: [o.state as NonNullable<Input<'cases.list'>['state']>[number]] } : {}),
        ...(o.mine ? { mine: true } : {}),
        sort: o.sort as Input<'cases.list'>['sort'],
        limit: Number.isInteger(limit) ? limit : (o.limit as unknown as number),
      });
      print(result, () => formatCaseList(result.items, result.total, result.totalCapped ?? false));
    });
  cases
    .command('show <id>')
    .description(t('cli.help.caseShow'))
    .action(async (id: string) => {
      const record = await call('cases.get', { id });
      print(record, () => formatCase(record));
    });

  program
    .command('import <caseFile>')
    .description(t('cli.help.import'))
    .action(async (file: string) => {
      const raw = readJsonFile(file);
      const record = await call('caseFile.import', { file: raw });
      print(record, () => t('cli.imported', { caseNumber: record.details.caseNumber, familyName: record.details.person.familyName, id: record.id }));
    });

  program
    .command('export-case <id>')
    .description(t('cli.help.exportCase'))
    .requiredOption('--out <file>', t('cli.help.outCaseFile'))
    .option('--force', t('cli.help.force'))
    .option('--with-programmes', t('cli.help.withProgrammes'))
    .action(async (id: string, o: { out: string; force?: boolean; withProgrammes?: boolean }) => {
      const caseFile = await call('caseFile.export', { id, ...(o.withProgrammes ? { includeProgrammes: true } : {}) });
      const out = path.resolve(o.out);
      writeNewFile(out, `${JSON.stringify(caseFile, null, 2)}\n`, Boolean(o.force));
      print({ path: out }, () => t('cli.wrote', { path: out }));
    });

  // Inquiries from screeners (main/contract/inquiry.ts): the screener writes one, the officer opens a case from it.
  const inquiry = program.command('inquiry').description(t('cli.help.inquiry'));
  inquiry
    .command('export <caseId>')
    .description(t('cli.help.inquiryExport'))
    .requiredOption('--out <file>', t('cli.help.outInquiry'))
    .option('--to <address>', t('cli.help.inquiryTo'))
    .option('--force', t('cli.help.force'))
    .action(async (caseId: string, o: { out: string; to?: string; force?: boolean }) => {
      const result = await call('inquiry.export', { caseId, ...(o.to !== undefined ? { recipient: o.to } : {}) });
      const out = path.resolve(o.out);
      writeNewFile(out, result.sealed ?? `${JSON.stringify(result.package, null, 2)}\n`, Boolean(o.force));
      const count = Object.keys(result.package.interview.answers).length;
      print({ path: out, answers: count }, () => t('cli.inquiryWritten', { caseNumber: result.package.case.caseNumber, count, path: out }));
    });
  inquiry
    .command('address')
    .description(t('cli.help.inquiryAddress'))
    .action(async () => {
      const result = await call('inquiry.address', {});
      print(result, () => t('cli.inquiryAddress', { recipient: result.recipient }));
    });
  inquiry
    .command('import <file>')
    .description(t('cli.help.inquiryImport'))
    .action(async (file: string) => {
      // A sealed inquiry is age's armored text; a plain one is JSON.
      const text = readInputText(file);
      const raw = text.trimStart().startsWith('-----BEGIN AGE ENCRYPTED FILE-----') ? text : readJsonFile(file);
      const record = await call('inquiry.import', { package: raw });
      const screener = typeof raw === 'object' && raw !== null ? String((raw as { screener?: { name?: unknown } }).screener?.name ?? '') : '';
      print(record, () => t('cli.inquiryImported', { screener, caseNumber: record.details.caseNumber, familyName: record.details.person.familyName, id: record.id }));
    });

  const printExport = (out: string, result: { contentHash: string; dropped: DroppedCharacters[] }) =>
    print({ path: out, contentHash: result.contentHash, dropped: result.dropped }, () =>
      [
        t('cli.wrote', { path: out }),
        t('cli.contentHash', { hash: result.contentHash }),
        ...(result.dropped.length === 0
          ? []
          : [
              t('cli.dropped', { count: result.dropped.reduce((n, d) => n + d.count, 0) }),
              ...result.dropped.map((d) => `  ${t('report.droppedAt', { path: d.path, codePoints: d.codePoints.join(' '), count: d.count })}`),
            ]),
      ].join('\n'),
    );

  program
    .command('export <caseId>')
    .description(t('cli.help.export'))
    .option('--template <id>', t('cli.help.templateOptional'))
    .option('--version <n>', t('cli.help.version'))
    .requiredOption('--out <file>', t('cli.help.outDocx'))
    .option('--format <format>', t('cli.help.format'), 'docx')
    .option('--language <language>', t('cli.help.language'))
    .option('--force', t('cli.help.force'))
    .action(async (caseId: string, o: { template?: string; version?: string; out: string; format: string; language?: string; force?: boolean }) => {
      // The contract refuses any other format or language, naming $.format or $.language, as every door does.
      const result = await call('report.export', {
        caseId,
        ...(o.template !== undefined ? { templateId: o.template } : {}),
        ...(o.version !== undefined ? { version: numberArg(o.version) } : {}),
        format: o.format as 'docx' | 'pdf',
        ...(o.language !== undefined ? { language: o.language } : {}),
      });
      const out = path.resolve(o.out);
      writeNewFile(out, Buffer.from(result.fileBase64, 'base64'), Boolean(o.force));
      printExport(out, result);
    });

  program
    .command('render <caseFile>')
    .description(t('cli.help.render'))
    .requiredOption('--template <id>', t('cli.help.template'))
    .requiredOption('--out <file>', t('cli.help.outDocx'))
    .option('--report-date <date>', t('cli.help.reportDate'))
    .option('--language <language>', t('cli.help.language'))
    .option('--force', t('cli.help.force'))
    .action(async (file: string, o: { template: string; out: string; reportDate?: string; language?: string; force?: boolean }) => {
      const result = await renderCaseFile(readJsonFile(file), o.template, o.reportDate, program.opts<{ as?: string }>().as ?? process.env['PSR_PERSON'], o.language);
      const out = path.resolve(o.out);
      writeNewFile(out, result.bytes, Boolean(o.force));
      printExport(out, result);
    });

  // The report's life (main/contract/lifecycle.ts): each step is a call the core refuses or takes.
  const report = program.command('report').description(t('cli.help.report'));
  const printLife = (life: Output<'report.life'>, caseNumber: string) =>
    print(life, () => lifeLines(life, caseNumber).join('\n'));
  const caseNumberOf = async (caseId: string) => (await call('cases.get', { id: caseId })).details.caseNumber;
  report
    .command('life <caseId>')
    .alias('versions')
    .description(t('cli.help.reportLife'))
    .action(async (caseId: string) => printLife(await call('report.life', { caseId }), await caseNumberOf(caseId)));
  report
    .command('submit <caseId>')
    .description(t('cli.help.reportSubmit'))
    .requiredOption('--template <id>', t('cli.help.template'))
    .option('--comment <text>', t('cli.help.comment'))
    .action(async (caseId: string, o: { template: string; comment?: string }) =>
      printLife(await call('report.submit', { caseId, templateId: o.template, ...(o.comment !== undefined ? { comment: o.comment } : {}) }), await caseNumberOf(caseId)),
    );
  report
    .command('return <caseId>')
    .description(t('cli.help.reportReturn'))
    .option('--comment <text>', t('cli.help.comment'))
    .action(async (caseId: string, o: { comment?: string }) =>
      printLife(await call('report.return', { caseId, ...(o.comment !== undefined ? { comment: o.comment } : {}) }), await caseNumberOf(caseId)),
    );
  report
    .command('countersign <caseId>')
    .description(t('cli.help.reportCountersign'))
    .option('--comment <text>', t('cli.help.comment'))
    .action(async (caseId: string, o: { comment?: string }) =>
      printLife(await call('report.countersign', { caseId, ...(o.comment !== undefined ? { comment: o.comment } : {}) }), await caseNumberOf(caseId)),
    );
  report
    .command('issue <caseId>')
    .description(t('cli.help.reportIssue'))
    .option('--template <id>', t('cli.help.templateOptional'))
    .action(async (caseId: string, o: { template?: string }) =>
      printLife(await call('report.issue', { caseId, ...(o.template !== undefined ? { templateId: o.template } : {}) }), await caseNumberOf(caseId)),
    );
  report
    .command('amend <caseId>')
    .description(t('cli.help.reportAmend'))
    .requiredOption('--reason <text>', t('cli.help.reason'))
    .action(async (caseId: string, o: { reason: string }) => printLife(await call('report.amend', { caseId, reason: o.reason }), await caseNumberOf(caseId)));
  report
    .command('comment <caseId>')
    .description(t('cli.help.reportComment'))
    .requiredOption('--body <text>', t('cli.help.comment'))
    .option('--section <id>', t('cli.help.section'))
    .action(async (caseId: string, o: { body: string; section?: string }) =>
      printLife(await call('review.comment', { caseId, sectionId: o.section ?? null, body: o.body }), await caseNumberOf(caseId)),
    );
  report
    .command('address <caseId> <commentId>')
    .description(t('cli.help.reportAddress'))
    .option('--note <text>', t('cli.help.note'))
    .action(async (caseId: string, commentId: string, o: { note?: string }) =>
      printLife(await call('review.address', { caseId, commentId, ...(o.note !== undefined ? { note: o.note } : {}) }), await caseNumberOf(caseId)),
    );
  cases
    .command('assign <caseId> <person>')
    .description(t('cli.help.caseAssign'))
    .action(async (caseId: string, person: string) => {
      const app = await getCore(true);
      const personId = await personNamed(app, { actor: (await appModule()).currentActor(), door: 'cli', session }, person);
      const life = await call('cases.assign', { caseId, personId });
      const caseNumber = await caseNumberOf(caseId);
      print(life, () => t('cli.life.assigned', { caseNumber, name: life.author?.name ?? '' }));
    });

  // Retention and erasure (main/contract/retention.ts, docs/retention.md): `psr case close`, and
  // `psr cases due-for-erasure` / `psr cases erase` ("cases" is another name for "case").
  cases.alias('cases');
  cases
    .command('close <caseId>')
    .description(t('cli.help.caseClose'))
    .requiredOption('--reason <reason>', t('cli.help.closeReason'))
    .action(async (caseId: string, o: { reason: string }) => {
      // The core checks the word, so an unknown reason is refused there with the reasons it knows.
      const closed = await call('cases.close', { caseId, reason: o.reason as Input<'cases.close'>['reason'] });
      print(closed, () => t('cli.erasure.closed', { caseNumber: closed.caseNumber, date: closed.closedAt.slice(0, 10), reason: closed.reason === 'withdrawn' ? t('erasure.reason.withdrawn') : t('erasure.reason.report_issued') }));
    });
  cases
    .command('due-for-erasure')
    .description(t('cli.help.caseDueForErasure'))
    .action(async () => {
      const due = await call('cases.dueForErasure', {});
      print(due, () => {
        if (due.retentionDays === null) return t('cli.erasure.notSet');
        if (due.items.length === 0) return t('cli.erasure.none', { days: due.retentionDays });
        return due.items.map((c) => t('cli.erasure.line', { caseNumber: c.caseNumber, court: c.court, date: c.closedAt.slice(0, 10), past: c.daysPastRetention, id: c.id })).join('\n');
      });
    });
  cases
    .command('erase <caseId>')
    .description(t('cli.help.caseErase'))
    .requiredOption('--confirm <reference>', t('cli.help.confirmErase'))
    .action(async (caseId: string, o: { confirm: string }) => {
      // This start's own backup is finished first, so it is among the backups the case is erased from.
      await (await getCore(true)).startupBackup;
      const result = await call('cases.erase', { caseId, confirm: o.confirm });
      print(result, () =>
        [
          t('cli.erasure.erased', { id: result.caseId, count: result.backupsErased.length }),
          ...result.backupsFailed.map((f) => t('cli.erasure.failed', { backup: f.backup, reason: f.reason })),
          ...(result.backupsRemoved.length ? [t('cli.erasure.removed', { count: result.backupsRemoved.length })] : []),
        ].join('\n'),
      );
      if (result.backupsFailed.length) exitCode = USER_ERROR;
    });

  const people = program.command('people').description(t('cli.help.people'));
  people
    .command('list')
    .description(t('cli.help.peopleList'))
    .action(async () => {
      const list = await call('people.list', {});
      print(list, () => (list.length ? list.map((p) => `${p.id}  ${p.fullName}  ${t(`report.role.${p.role}`)}${p.team ? `  ${p.team}` : ''}${p.service ? `  ${p.service}` : ''}`).join('\n') : t('cli.noPeople')));
    });
  people
    .command('add')
    .description(t('cli.help.peopleAdd'))
    .requiredOption('--name <fullName>', t('cli.help.personName'))
    .requiredOption('--role <role>', t('cli.help.personRole'))
    .option('--team <team>', t('cli.help.personTeam'), '')
    .option('--service <service>', t('cli.help.personService'), '')
    .action(async (o: { name: string; role: string; team: string; service: string }) => {
      // On a protected store the new person's first passphrase: PSR_NEW_PASSPHRASE, never an argument.
      const passphrase = process.env['PSR_NEW_PASSPHRASE'];
      const added = await call('people.add', { details: { fullName: o.name, role: o.role as Role, team: o.team, service: o.service }, ...(passphrase !== undefined ? { passphrase } : {}) });
      print(added, () => t('cli.personAdded', { name: added.fullName, role: t(`report.role.${added.role}`), id: added.id }));
    });

  const programmes = program.command('programmes').description(t('cli.help.programmes'));
  programmes
    .command('list')
    .description(t('cli.help.programmesList'))
    .option('--active', t('cli.help.active'))
    .action(async (o: { active?: boolean }) => {
      const list = await call('programmes.list', { includeRetired: !o.active });
      print(list, () => formatProgrammes(list));
    });
  programmes
    .command('add <file>')
    .description(t('cli.help.programmesAdd'))
    .action(async (file: string) => {
      const created = await call('programmes.create', { details: readJsonFile(file) as Input<'programmes.create'>['details'] });
      print(created, () => t('cli.programmeAdded', { name: created.name, kind: created.kind, id: created.id }));
    });
  programmes
    .command('retire <id>')
    .description(t('cli.help.programmesRetire'))
    .action(async (id: string) => {
      const current = (await call('programmes.list', { includeRetired: true })).find((p) => p.id === id);
      if (!current) throw new AppError('not_found', `There is no programme with id ${id}.`, { key: 'errors.programmeNotFound', params: { id } });
      const retired = await call('programmes.retire', { id, version: current.version });
      print(retired, () => t('cli.programmeRetired', { name: retired.name, id: retired.id }));
    });
  programmes
    .command('export')
    .description(t('cli.help.programmesExport'))
    .requiredOption('--out <file>', t('cli.help.outProgrammes'))
    .option('--force', t('cli.help.force'))
    .action(async (o: { out: string; force?: boolean }) => {
      const file = await call('programmes.export', { includeRetired: true });
      const out = path.resolve(o.out);
      writeNewFile(out, `${JSON.stringify(file, null, 2)}\n`, Boolean(o.force));
      print({ path: out, programmes: file.programmes.length }, () => t('cli.programmesWritten', { count: file.programmes.length, path: out }));
    });
  programmes
    .command('import <file>')
    .description(t('cli.help.programmesImport'))
    .action(async (file: string) => {
      const result = await call('programmes.import', { file: readJsonFile(file) });
      print(result, () => t('cli.programmesImported', { file, created: result.created, updated: result.updated, unchanged: result.unchanged }));
    });

  program
    .command('options <caseId>')
    .description(t('cli.help.options'))
    .action(async (caseId: string) => {
      const result = await call('options.match', { caseId });
      print(result, () => formatMatch(result));
    });

  // The condition checks of the saved proposal, grouped as the Proposal page shows them: the open
  // count, each condition's checks in the proposal's order, the whole-proposal checks, and
  // acknowledgements whose check no longer arises.
  program
    .command('conditions <caseId>')
    .description(t('cli.help.conditions'))
    .action(async (caseId: string) => {
      const result = await call('proposal.get', { caseId });
      print({ version: result.version, ...result.checks }, () => {
        if (!result.proposal) return t('cli.conditions.none');
        const { checks, open, staleAcknowledgements } = result.checks;
        const line = (c: (typeof checks)[number]) => `  - ${messageText(t, c)}${c.acknowledged ? `\n    ${t('cli.conditions.acknowledged', { reason: c.acknowledged.reason })}` : ''}`;
        const out = [t('cli.conditions.open', { count: open, version: result.version })];
        result.proposal.conditions.forEach((condition, i) => {
          const own = checks.filter((c) => c.conditionId === condition.id);
          if (own.length) out.push('', t('cli.conditions.forCondition', { n: i + 1, text: condition.text.split('\n')[0] }), ...own.map(line));
        });
        const general = checks.filter((c) => c.conditionId === undefined);
        if (general.length) out.push('', t('cli.conditions.whole'), ...general.map(line));
        if (staleAcknowledgements.length) out.push('', t('cli.conditions.stale'), ...staleAcknowledgements.map((a) => `  - ${a.checkId}: ${a.reason}`));
        return out.join('\n');
      });
    });

  // The analysis and readiness checks of the report in the officer's words, as the Write the
  // report page shows them, and the withheld items the report relies on.
  program
    .command('check <caseId>')
    .description(t('cli.help.check'))
    .action(async (caseId: string) => {
      const result = await call('reportText.checks', { caseId });
      print(result, () => {
        const { readiness, analysis, withheld } = result;
        const out = [readiness.ready ? t('cli.check.ready') : t('cli.check.notReady', { count: readiness.blockers.length })];
        out.push(...readiness.blockers.map((b) => `  - ${messageText(t, { ...b.message, message: b.kind })}`));
        out.push('', analysis.length ? t('cli.check.analysis', { count: analysis.length }) : t('cli.check.noAnalysis'));
        for (const c of analysis) {
          out.push(`  - ${messageText(t, { ...c.message, message: c.id })}`);
          if (c.acknowledged !== undefined) out.push(`    ${t('cli.conditions.acknowledged', { reason: c.acknowledged })}`);
        }
        if (withheld.length) out.push('', t('cli.check.withheld', { count: withheld.length }), ...withheld.map((w) => `  - ${w.label}`));
        return out.join('\n');
      });
    });

  // A court clerk's check of a file: exactly what the service signed, or what changed. With --key
  // (the public key a court keeps, from `psr key export`) no store is opened.
  program
    .command('verify <file>')
    .description(t('cli.help.verify'))
    .option('--key <publicKey...>', t('cli.help.verifyKey'))
    .action(async (file: string, o: { key?: string[] }) => {
      const bytes = readInputBytes(file, DOCUMENT_LIMIT_BYTES);
      let outcome: Output<'documents.verify'>;
      if (o.key?.length) {
        const { createPublicKey } = await import('node:crypto');
        const keys = o.key.map((k) => {
          try {
            return createPublicKey(readInputText(k));
          } catch (e) {
            if (e instanceof AppError) throw e;
            throw new AppError('invalid_input', `${k} is not a public key (PEM).`, { key: 'cli.verify.notAKey', params: { file: k } });
          }
        });
        outcome = (await import('../export/signature')).verifyDocument(bytes, keys);
      } else {
        outcome = await call('documents.verify', { fileBase64: Buffer.from(bytes).toString('base64') });
      }
      if (outcome.status !== 'valid' || outcome.trusted === false) exitCode = USER_ERROR;
      print(outcome, () => verifyText(outcome, Boolean(o.key?.length)));
    });

  // The audit log's hash chain (docs/audit.md): every row's hash and link recomputed. A broken
  // chain names the first row that does not hold and exits 1, as a file that does not verify does.
  const passphrase = program.command('passphrase').description(t('cli.help.passphrase'));
  passphrase
    .command('change')
    .description(t('cli.help.passphraseChange'))
    .action(async () => {
      const opts = program.opts<{ dataDir?: string; as?: string }>();
      const dataDir = opts.dataDir ?? (await appModule()).defaultDataDir();
      const { StoreGate } = await import('../api/gate');
      const gate = new StoreGate({ dataDir, holder: 'cli' });
      try {
        const person = whoSignsIn(gate.state().people, opts.as ?? process.env['PSR_PERSON']);
        const current = process.env['PSR_PASSPHRASE'] ?? (await promptPassphrase(t('cli.passphrasePrompt')));
        const session: DoorSession = { personId: null };
        await gate.signIn(session, person.id, current);
        let next = process.env['PSR_NEW_PASSPHRASE'];
        if (next === undefined) {
          next = await promptPassphrase(t('cli.newPassphrasePrompt'));
          if ((await promptPassphrase(t('cli.repeatPassphrasePrompt'))) !== next) throw new AppError('invalid_input', 'The two passphrases are not the same. Nothing was changed.', { path: '$.passphrase', key: 'cli.passphraseMismatch' });
        }
        await gate.changePassphrase(session, current, next);
        print({ changed: true }, () => t('cli.passphraseChanged', { name: person.fullName }));
      } finally {
        gate.close();
      }
    });
  people
    .command('reset-passphrase <person>')
    .description(t('cli.help.resetPassphrase'))
    .action(async (who: string) => {
      const next = process.env['PSR_NEW_PASSPHRASE'];
      if (next === undefined) throw new AppError('invalid_input', 'Give the new passphrase in PSR_NEW_PASSPHRASE.', { path: '$.passphrase', key: 'cli.newPassphraseNeeded' });
      const list = await call('people.list', {});
      const person = list.find((p) => p.id === who || p.fullName.toLocaleLowerCase() === who.trim().toLocaleLowerCase());
      if (!person) throw new AppError('invalid_input', `No one called ${who} uses this store (psr people list shows who does).`, { path: '<person>', key: 'cli.personUnknown', params: { name: who } });
      const result = await call('people.resetPassphrase', { personId: person.id, passphrase: next });
      print(result, () => t('cli.passphraseReset', { name: person.fullName }));
    });

  // Protecting a store with its first passphrase: the keyring is written, then the store and its
  // backups are encrypted and checked (docs/encryption-at-rest.md).
  program
    .command('protect')
    .description(t('cli.help.protect'))
    .action(async () => {
      const opts = program.opts<{ dataDir?: string; as?: string }>();
      const dataDir = opts.dataDir ?? (await appModule()).defaultDataDir();
      const { StoreGate } = await import('../api/gate');
      let backupsConverted = 0;
      const gate = new StoreGate({ dataDir, holder: 'cli', onConverted: (r) => (backupsConverted = r.backups.length) });
      try {
        const state = gate.state();
        if (state.encrypted) throw new AppError('refused', 'This store already has passphrases: sign in instead.', { key: 'errors.keyringExists' });
        if (state.people.length === 0) throw new AppError('invalid_input', 'Say who you are (--as <name>); add yourself first with psr people add if the store has no one yet.', { path: '--as', key: 'cli.protectWho' });
        const person = whoSignsIn(state.people, opts.as ?? process.env['PSR_PERSON']);
        let passphrase = process.env['PSR_NEW_PASSPHRASE'];
        if (passphrase === undefined) {
          passphrase = await promptPassphrase(t('cli.newPassphrasePrompt'));
          if ((await promptPassphrase(t('cli.repeatPassphrasePrompt'))) !== passphrase) {
            throw new AppError('invalid_input', 'The two passphrases are not the same. Nothing was changed.', { path: '$.passphrase', key: 'cli.passphraseMismatch' });
          }
        }
        const session: DoorSession = { personId: null };
        await gate.setUp(session, { passphrase, personId: person.id });
        print({ protected: true, person: person.fullName, backupsConverted }, () => t('cli.protected', { name: person.fullName, count: backupsConverted }));
      } finally {
        gate.close();
      }
    });

  const audit = program.command('audit').description(t('cli.help.audit'));
  audit
    .command('verify')
    .description(t('cli.help.auditVerify'))
    .action(async () => {
      const result = await call('audit.verify', {});
      if (!result.ok) exitCode = USER_ERROR;
      const broken = { changed: 'cli.audit.changed', unlinked: 'cli.audit.unlinked', unchained: 'cli.audit.unchained' } as const;
      print(result, () => (result.ok ? t('cli.audit.intact', { count: result.rows }) : t(broken[result.reason], { id: result.firstBrokenId })));
    });

  const key = program.command('key').description(t('cli.help.key'));
  key
    .command('export')
    .description(t('cli.help.keyExport'))
    .requiredOption('--out <file>', t('cli.help.outKey'))
    .option('--force', t('cli.help.force'))
    .action(async (o: { out: string; force?: boolean }) => {
      const keys = await call('signing.keys', {});
      const current = keys.find((k) => k.retiredAt === null) ?? keys[0]!;
      const out = path.resolve(o.out);
      writeNewFile(out, current.publicKeyPem, Boolean(o.force));
      print({ path: out, fingerprint: current.fingerprint }, () => t('cli.keyWritten', { path: out, fingerprint: current.fingerprint }));
    });

  program
    .command('backup')
    .description(t('cli.help.backup'))
    .requiredOption('--out <file>', t('cli.help.outBackup'))
    .option('--force', t('cli.help.force'))
    .action(async (o: { out: string; force?: boolean }) => {
      const result = await call('store.backup', { path: o.out, overwrite: Boolean(o.force) });
      print(result, () => t('cli.backedUp', { path: result.path, bytes: result.bytes }));
    });

  program
    .command('backups')
    .description(t('cli.help.backups'))
    .action(async () => {
      const list = await call('store.listBackups', {});
      print(list, () => (list.length === 0 ? t('backups.none') : list.map((b) => t('cli.backupLine', { createdAt: b.createdAt, bytes: String(b.bytes).padStart(10), path: b.path })).join('\n')));
    });

  program
    .command('restore [backupFile]')
    .description(t('cli.help.restore'))
    .option('--latest', t('cli.help.latest'))
    .action(async (file: string | undefined, o: { latest?: boolean }) => {
      // The store must not be open while its file is replaced, so this command does not open it.
      const [{ defaultDataDir, DB_FILE_NAME }, { restoreBackup, restoreLatestBackup }] = await Promise.all([appModule(), import('../store/recovery')]);
      const dataDir = program.opts<{ dataDir?: string }>().dataDir ?? defaultDataDir();
      const dbFile = path.join(dataDir, DB_FILE_NAME);
      if (!file && !o.latest) throw new AppError('invalid_input', 'Name a backup file, or use --latest.', { key: 'cli.nameBackup' });
      const result = file ? restoreBackup(dbFile, path.resolve(file)) : restoreLatestBackup(dbFile, dataDir);
      print(result, () => [t('cli.restored', { file: result.restoredFrom }), ...result.keptAside.map((f) => t('cli.keptAside', { file: f }))].join('\n'));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
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
          : { code: 'internal', message: `Internal error: ${(e as Error).message}`, key: 'cli.internalError', params: { message: (e as Error).message } };
    if (json) io.err(`${JSON.stringify({ ok: false, error })}\n`);
    else io.err(`${t('cli.error', { message: oneLine(error) })}\n`);
    return exitCodeFor(error);
  } finally {
    // The start's backup runs off this thread: a command waits for it before it closes the store.
    await (core as AppCore | null)?.startupBackup;
    (core as AppCore | null)?.close();
  }
}

// Keys that only count the problems: the command line words each problem instead.
const summaryKeys = new Set(['errors.invalidInput', 'errors.dataFileInvalid', 'errors.catalogueRefused']);

/**
 * An error in the catalogue's words where it has a key, as the screen shows it. Each problem is
 * its path and its own key's words; the command line has no field to show them beside, so a key
 * with a `_cli` form (the `cli` context) uses it to name the value refused.
 */
function oneLine(error: ApiError): string {
  const issues = error.issues ?? [];
  const words = (i: (typeof issues)[number]) => {
    if (!i.key) return i.message;
    // The `_cli` wording names the refused value; a problem found by the schema alone does not carry
    // it (no count for a text that is too long), and then the screen's wording is used.
    const text = t(i.key, { ...i.params, context: 'cli', defaultValue: i.message });
    return text.includes('{{') ? t(i.key, { ...i.params, defaultValue: i.message }) : text;
  };
  const problem = (i: (typeof issues)[number]) => t('cli.problem', { path: i.path, message: words(i) });
  if (issues.length > 1) return t('cli.problems', { count: issues.length, list: issues.map(problem).join('; ') });
  if (issues.length === 1 && (!error.key || summaryKeys.has(error.key))) return problem(issues[0]!);
  // A `_cli` wording tells the command line's way out (psr people add) where the screen has its own.
  if (error.key) return t(error.key, { ...error.params, context: 'cli', defaultValue: error.message });
  return error.message;
}

/** A whole number typed on the command line; anything else goes to the contract as typed, which refuses it by its field. */
function numberArg(typed: string): number {
  return (/^\d+$/.test(typed.trim()) ? Number(typed) : typed) as number;
}

/** Where a report stands, as lines: its state, author, versions with their steps, the comments and the steps open now. */
function lifeLines(life: Output<'report.life'>, caseNumber: string): string[] {
  const stateWord = (state: VersionState | 'none') => t(`lifecycle.state.${state}`);
  const state = stateWord(life.current?.state ?? 'none');
  const lines = [t('cli.life.state', { caseNumber, state }), life.author ? t('cli.life.author', { name: life.author.name }) : t('cli.life.noAuthor')];
  for (const v of life.versions) {
    const amends = v.amends ? t('cli.life.amends', { number: v.amends.number, reason: v.amends.reason }) : '';
    lines.push(t('cli.life.version', { number: v.number, state: stateWord(v.state), amends }));
    const steps = [
      ['submit', v.submitted],
      ['return', v.returned],
      ['countersign', v.countersigned],
      ['issue', v.issued],
    ] as const;
    for (const [done, by] of steps) if (by) lines.push(t('cli.life.step', { step: t(`lifecycle.done.${done}`), name: by.name, date: by.at.slice(0, 10) }));
    if (v.contentHash) lines.push(t('cli.life.hash', { hash: v.contentHash }));
  }
  for (const c of life.comments) {
    lines.push(t('cli.life.comment', { id: c.id, section: c.sectionId ?? t('cli.life.wholeReport'), name: c.by.name, body: c.body }));
    lines.push(c.addressed ? t('cli.life.addressed', { name: c.addressed.name, note: c.addressedNote ? `: ${c.addressedNote}` : '' }) : t('cli.life.open'));
  }
  lines.push(life.editable.ok ? t('cli.life.editable') : t('cli.life.notEditable', { reason: t(life.editable.reason ?? '', { name: life.author?.name ?? '' }) }));
  lines.push(life.actions.length > 0 ? t('cli.life.actions', { actions: life.actions }) : t('cli.life.noActions'));
  return lines;
}

/** The id of the person named by `--as` (an id or a full name, any case), refused clearly when there is none or more than one. */
/**
 * Opens an encrypted store for one command: the person is --as / PSR_PERSON (or the keyring's only
 * person), the passphrase PSR_PASSPHRASE or, at a terminal, typed at a prompt that does not echo.
 * Never a command-line argument: `ps` shows those to every user of the machine.
 */
/**
 * Who a command signing in (or setting up) is: --as / PSR_PERSON as an id or a full name among the
 * people the sign-in offers, or the only one of them.
 */
function whoSignsIn(people: ReadonlyArray<{ id: string; fullName: string }>, wanted: string | undefined): { id: string; fullName: string } {
  if (wanted) {
    const byId = people.find((p) => p.id === wanted);
    const named = people.filter((p) => p.fullName.toLocaleLowerCase() === wanted.trim().toLocaleLowerCase());
    if (!byId && named.length > 1) throw new AppError('invalid_input', `More than one person is called ${wanted}; give the id.`, { path: '--as', key: 'cli.personAmbiguous', params: { name: wanted } });
    const found = byId ?? named[0];
    if (!found) throw new AppError('invalid_input', `No one called ${wanted} can sign in to this store.`, { path: '--as', key: 'cli.personUnknown', params: { name: wanted } });
    return found;
  }
  if (people.length === 1) return people[0]!;
  throw new AppError('invalid_input', 'Say who you are: --as <name> or PSR_PERSON.', { path: '--as', key: 'cli.signInAs' });
}

async function signInForCommand(dataDir: string, writes: boolean, wanted: string | undefined, session: DoorSession): Promise<AppCore> {
  const { StoreGate } = await import('../api/gate');
  const gate = new StoreGate({ dataDir, holder: 'cli', onlyReads: !writes, checkWholeFile: false });
  const personId = whoSignsIn(gate.state().people, wanted).id;
  const passphrase = process.env['PSR_PASSPHRASE'] ?? (await promptPassphrase(t('cli.passphrasePrompt')));
  try {
    await gate.signIn(session, personId, passphrase);
  } catch (e) {
    gate.close();
    throw e;
  }
  const core = gate.core!;
  // Closing the command's core also wipes the key the gate holds.
  return { ...core, close: () => gate.close() };
}

async function promptPassphrase(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new AppError('locked', 'This store is encrypted: give the passphrase in PSR_PASSPHRASE, or run the command at a terminal to be asked for it.', { key: 'cli.passphraseNeeded' });
  }
  const readline = await import('node:readline');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(question);
  // Nothing typed is echoed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function personNamed(app: AppCore, ctx: CallContext, wanted: string): Promise<string> {
  const listed = await app.dispatch('people.list', {}, ctx);
  if (!listed.ok) throw new CliFailure(listed.error);
  const all = listed.value as Output<'people.list'>;
  const byId = all.find((p) => p.id === wanted);
  if (byId) return byId.id;
  const named = all.filter((p) => p.fullName.toLocaleLowerCase() === wanted.trim().toLocaleLowerCase());
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) throw new AppError('invalid_input', `More than one person is called ${wanted}; give the id (psr people list).`, { path: '--as', key: 'cli.personAmbiguous', params: { name: wanted } });
  throw new AppError('invalid_input', `No one called ${wanted} uses this store (psr people list shows who does).`, { path: '--as', key: 'cli.personUnknown', params: { name: wanted } });
}

/** What `psr verify` found, in the catalogue's words. */
function verifyText(outcome: Output<'documents.verify'>, keysGiven: boolean): string {
  if (outcome.status === 'unsigned') return t('cli.verify.unsigned');
  if (outcome.status === 'unreadable') return t('cli.verify.unreadable', { reason: outcome.reason });
  const s = outcome.statement;
  const about = [
    t(s.status === 'issued' ? 'cli.verify.issued' : 'cli.verify.draft', { service: s.service, caseNumber: s.caseNumber, templateId: s.templateId, version: s.reportVersion ?? '', signedBy: s.signedBy, signedAt: s.signedAt }),
    t('cli.verify.contentHash', { hash: s.contentHash }),
  ];
  const keyLine =
    outcome.trusted === undefined ? t('cli.verify.keyUnchecked', { fingerprint: outcome.fingerprint }) : outcome.trusted ? t(keysGiven ? 'cli.verify.keyGiven' : 'cli.verify.keyOfStore', { fingerprint: outcome.fingerprint }) : t('cli.verify.keyUnknown', { fingerprint: outcome.fingerprint });
  if (outcome.status === 'valid') return [outcome.trusted === false ? t('cli.verify.untrusted') : t('cli.verify.valid'), ...about, keyLine].join('\n');
  const what = [
    ...outcome.changed.map((p) => `  - ${t('cli.verify.partChanged', { part: p })}`),
    ...outcome.added.map((p) => `  - ${t('cli.verify.partAdded', { part: p })}`),
    ...outcome.removed.map((p) => `  - ${t('cli.verify.partRemoved', { part: p })}`),
    ...(outcome.signatureHolds ? [] : [`  - ${t('cli.verify.signatureBroken')}`]),
  ];
  return [t('cli.verify.changed'), ...what, ...about, keyLine].join('\n');
}

function readJsonFile(file: string): unknown {
  const text = readInputText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('invalid_input', `${file} is not valid JSON: ${(e as Error).message}`, { path: '$', key: 'cli.notJson', params: { file, message: (e as Error).message } });
  }
}

/** `psr render` without a store: see doors/render.ts, loaded only when a command renders. */
export async function renderCaseFile(raw: unknown, templateId: string, reportDate?: string, authorName?: string, language?: string) {
  return (await import('./render')).renderCaseFile(raw, templateId, reportDate, authorName, language);
}

/** A parsed case file to a DOCX; its proposal is used when the file's version carries one. */
export async function renderParsedCaseFile(caseFile: CaseFile, templateId: string, reportDate?: string) {
  return (await import('./render')).renderParsedCaseFile(caseFile, templateId, reportDate);
}

function writeNewFile(file: string, text: string | Uint8Array, overwrite: boolean): void {
  // Exports hold a person's most private facts: readable by the officer only (POSIX), even when
  // --force overwrites a file that was readable by others.
  let fd: number;
  try {
    fd = fs.openSync(file, overwrite ? 'w' : 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('refused', `${file} already exists; use --force to overwrite it.`, { key: 'cli.exists', params: { file } });
    throw new AppError('invalid_input', `Cannot write ${file}: ${code ?? (e as Error).message}.`, { key: 'cli.cannotWrite', params: { file, reason: code ?? (e as Error).message } });
  }
  try {
    if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('invalid_input', `Cannot write ${file}: ${code ?? (e as Error).message}.`, { key: 'cli.cannotWrite', params: { file, reason: code ?? (e as Error).message } });
  } finally {
    fs.closeSync(fd);
  }
}

function formatProgrammes(list: ProgrammeRecord[]): string {
  if (list.length === 0) return t('cli.noProgrammes');
  const rows = [[t('cli.col.name'), t('cli.col.provider'), t('cli.col.kind'), t('cli.col.location'), t('cli.col.status'), t('cli.col.id')]];
  for (const p of list) rows.push([p.name, p.provider, p.kind, p.location, p.retired ? t('cli.programmeStatus.retired') : t('cli.programmeStatus.active'), p.id]);
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()).join('\n');
}

function formatMatch(result: MatchResult): string {
  const lines: string[] = [];
  for (const note of result.notes) lines.push(t('cli.note', { text: messageText(t, note) }));
  if (result.notes.length) lines.push('');
  for (const item of result.items) {
    const status = t(`cli.matchStatus.${item.status}`);
    const where = { group: item.group.replace('_', '-'), rank: item.restrictiveness };
    lines.push(t('cli.matchItem', { status, name: item.name, ...where, ...(item.provider ? { provider: item.provider, context: 'provider' } : {}) }));
    // The deciding facts: every reason that changed the status, or what was met when nothing did.
    const deciding = item.reasons.filter((r) => r.effect !== 'suitable');
    for (const r of deciding.length ? deciding : item.reasons) lines.push(`  - ${messageText(t, r)}`);
    if (item.needsAddressed.length) lines.push(`  ${t('cli.needsAddressed', { needs: item.needsAddressed.join(',') })}`);
  }
  return lines.join('\n');
}

function formatCaseList(items: CaseSummary[], total: number, capped: boolean): string {
  if (items.length === 0) return t('cli.noCases');
  const rows = [[t('cli.col.due'), t('cli.col.hearing'), t('cli.col.caseNumber'), t('cli.col.name'), t('cli.col.court'), t('cli.col.report'), t('cli.col.author'), t('cli.col.id')]];
  for (const c of items) rows.push([c.reportDueDate, c.hearingDate, c.caseNumber, c.personName, c.court, t(`lifecycle.state.${c.state}`), c.authorName ?? '-', c.id]);
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const lines = rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd());
  if (capped) lines.push(t('cli.shownOfMore', { shown: items.length, total }));
  else if (total > items.length) lines.push(t('cli.shownOf', { shown: items.length, total }));
  return lines.join('\n');
}

function formatCase(record: CaseRecord): string {
  const d = record.details;
  const lines = [
    t('cli.case.title', { caseNumber: d.caseNumber, court: d.court }),
    t('cli.case.person', { familyName: d.person.familyName, givenNames: d.person.givenNames, dateOfBirth: d.person.dateOfBirth, gender: d.person.gender, language: d.person.preferredLanguage }),
    t('cli.case.hearing', { hearingDate: d.hearingDate, reportDueDate: d.reportDueDate }),
    t('cli.case.reportType', { reportType: d.reportType, stage: d.stage }),
    t('cli.case.charges'),
    ...d.charges.map((c, i) => t('cli.case.charge', { n: i + 1, offence: c.offence, offenceDate: c.offenceDate, plea: c.plea })),
    t('cli.case.version', { version: record.version, updatedAt: record.updatedAt, updatedBy: record.updatedBy, id: record.id }),
  ];
  return lines.join('\n');
}
