import type { Input, Method, Output } from '../contract/api';
import type { CaseRecord } from '../contract/case';
import { invalidInput, quoted, type ApiIssue } from '../contract/errors';
import type { MatchingProfile, MatchResult, Programme, ProgrammeDetails, Proposal } from '../contract/options';
import { PROGRAMMES_FILE_FORMAT, ProgrammesFile, type optionsEntries } from '../contract/optionsApi';
import { zodIssues } from '../contract/validate';
import { checkConditions, deriveProfile, disclosableInterview, matchOptions, programmeRuleIssues, withheldReasons, type Catalogue } from '../domain/options';
import type { WriteMeta } from '../store/audit';
import type { InterviewRepository } from '../store/interviews';
import { detailsOf, ProgrammeRepository } from '../store/programmes';
import { ProposalRepository } from '../store/proposals';
import type { CallContext, Services } from './handlers';
import { formForReportType } from './forms';
import { loadCatalogueWithSource } from './options';

// Handlers of the options calls (issue 4): programmes, matching, the proposal and its checks. The
// profile is always derived here from the stored case and interview, never taken from a caller.

type OptionsMethod = keyof typeof optionsEntries & Method;
export type OptionsHandlers = {
  [M in OptionsMethod]: (input: Input<M>, ctx: CallContext) => Output<M> | Promise<Output<M>>;
};

export interface OptionsContext {
  meta(ctx: CallContext): WriteMeta;
  getCase(id: string): CaseRecord;
  interviews: InterviewRepository;
}

/** The language condition checks and working hours are read in (the officer's interface language). */
const CHECK_LANGUAGE = 'en';

export interface OptionsHandlersWithReport {
  handlers: OptionsHandlers;
  /** The matched options as a report may show them: statuses from every fact, reasons withheld where they quote a not-for-disclosure fact. */
  reportMatch(caseId: string): MatchResult;
}

export function createOptionsHandlers(services: Services, helpers: OptionsContext): OptionsHandlersWithReport {
  const loaded = services.catalogue ?? loadCatalogueWithSource();
  const catalogue: Catalogue = loaded.compiled;
  const programmes = new ProgrammeRepository(services.db);
  const proposals = new ProposalRepository(services.db);

  function profileFor(caseId: string, disclosableOnly = false): MatchingProfile {
    const record = helpers.getCase(caseId);
    const stored = helpers.interviews.find(caseId)?.interview ?? null;
    const interview = stored && disclosableOnly ? disclosableInterview(stored) : stored;
    const form = formForReportType(services.forms, record.details.reportType);
    const language = catalogue.languages.get(CHECK_LANGUAGE);
    return deriveProfile(record.details, interview, services.jurisdiction, { ...(form ? { form } : {}), ...(language ? { language } : {}) });
  }

  function matchFor(caseId: string, disclosableOnly = false): MatchResult {
    const stored = proposals.find(caseId);
    return matchOptions(catalogue, programmesFor(stored?.proposal), profileFor(caseId, disclosableOnly), {
      language: CHECK_LANGUAGE,
      ...(stored ? { proposal: stored.proposal } : {}),
    });
  }

  /** Active programmes, plus retired ones the proposal still names (so old choices stay readable). */
  function programmesFor(proposal: Proposal | null | undefined): Programme[] {
    const named = new Set((proposal?.selected ?? []).filter((r) => r.type === 'programme').map((r) => r.id));
    return programmes.list(true).filter((p) => !p.retired || named.has(p.id));
  }

  function programmeIssues(details: ProgrammeDetails, prefix: string): ApiIssue[] {
    const issues: ApiIssue[] = [];
    if (!catalogue.byKind.has(details.kind)) {
      issues.push({ path: `${prefix}.kind`, message: `The catalogue has no option of kind ${quoted(details.kind)}; choose one of ${[...catalogue.byKind.keys()].sort().join(', ')}.`, key: 'programmes.unknownKind', params: { kind: details.kind } });
    }
    const { minAge, maxAge } = details.eligibility;
    if (typeof minAge === 'number' && typeof maxAge === 'number' && minAge > maxAge) {
      issues.push({ path: `${prefix}.eligibility.maxAge`, message: `The upper age (${maxAge}) is below the lower age (${minAge}).`, key: 'programmes.ageRange' });
    }
    issues.push(...programmeRuleIssues(details, catalogue, prefix));
    return issues;
  }
  function checkProgramme(details: ProgrammeDetails, prefix = '$.details'): void {
    const issues = programmeIssues(details, prefix);
    if (issues.length) throw invalidInput(issues);
  }

  const handlers: OptionsHandlers = {
    'programmes.list': ({ includeRetired }) => programmes.list(includeRetired ?? true),
    'programmes.create': ({ details }, ctx) => {
      checkProgramme(details);
      return programmes.create(details, helpers.meta(ctx));
    },
    'programmes.update': ({ id, version, details }, ctx) => {
      checkProgramme(details);
      return programmes.update(id, version, details, helpers.meta(ctx));
    },
    'programmes.retire': ({ id, version }, ctx) => programmes.retire(id, version, helpers.meta(ctx)),
    'programmes.export': ({ includeRetired }, ctx) => ({
      format: PROGRAMMES_FILE_FORMAT,
      formatVersion: 1,
      exportedAt: services.now().toISOString(),
      exportedBy: ctx.actor,
      programmes: programmes.list(includeRetired ?? true).map((p) => ({ id: p.id, ...detailsOf(p) })),
    }),
    'programmes.import': ({ file }, ctx) => {
      // Every problem in the whole file first; nothing is written unless all of it is valid.
      const parsed = ProgrammesFile.safeParse(file);
      const issues: ApiIssue[] = parsed.success ? [] : zodIssues(parsed.error);
      // The checks zod cannot make run on every entry whose shape allows them, so one pass over
      // the file reports every problem, not only the first kind of problem.
      const entries = (file as { programmes?: unknown } | null)?.programmes;
      const seen = new Map<string, number>();
      (Array.isArray(entries) ? entries : []).forEach((raw: unknown, i) => {
        if (typeof raw !== 'object' || raw === null) return;
        const p = raw as Partial<ProgrammeDetails> & { id?: unknown };
        if (typeof p.kind === 'string' && p.eligibility && typeof p.eligibility === 'object') issues.push(...programmeIssues(p as ProgrammeDetails, `$.programmes[${i}]`));
        if (typeof p.id === 'string') {
          const first = seen.get(p.id);
          if (first !== undefined) issues.push({ path: `$.programmes[${i}].id`, message: `The id ${p.id} is already used by $.programmes[${first}].`, key: 'programmes.duplicateId' });
          else seen.set(p.id, i);
        }
      });
      if (!parsed.success || issues.length) throw invalidInput(issues);
      const meta = helpers.meta(ctx);
      return services.db.transaction(() => {
        let created = 0;
        let updated = 0;
        let unchanged = 0;
        const out = parsed.data.programmes.map((p) => {
          const details = detailsOf(p);
          const current = p.id ? programmes.find(p.id) : null;
          if (!current) {
            created += 1;
            return p.id ? programmes.create(details, meta, p.id) : programmes.create(details, meta);
          }
          const saved = programmes.update(current.id, current.version, details, meta, 'import');
          if (saved.version === current.version) unchanged += 1;
          else updated += 1;
          return saved;
        });
        return { created, updated, unchanged, programmes: out };
      }).immediate();
    },
    'options.catalogue': () => loaded.source,
    'options.jurisdiction': () => services.jurisdiction.options ?? null,
    'options.profile': ({ caseId }) => ({ profile: profileFor(caseId), language: CHECK_LANGUAGE }),
    'options.match': ({ caseId }) => matchFor(caseId),
    'proposal.get': ({ caseId }) => {
      const profile = profileFor(caseId);
      const stored = proposals.find(caseId);
      return {
        version: stored?.version ?? 0,
        proposal: stored?.proposal ?? null,
        checks: stored ? checkConditions(stored.proposal, profile, CHECK_LANGUAGE, catalogue, programmesFor(stored.proposal)) : { checks: [], open: 0, staleAcknowledgements: [] },
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
      };
    },
    'proposal.save': ({ caseId, version, proposal }, ctx) => {
      const profile = profileFor(caseId);
      const saved = proposals.save(caseId, version, proposal, helpers.meta(ctx));
      return { version: saved.version, checks: checkConditions(saved.proposal, profile, CHECK_LANGUAGE, catalogue, programmesFor(saved.proposal)), updatedAt: saved.updatedAt };
    },
  };
  return { handlers, reportMatch: (caseId) => withheldReasons(matchFor(caseId), matchFor(caseId, true)) };
}

/** Writes a proposal carried by a case file (inside the import's transaction). */
export function importProposal(services: Services, caseId: string, proposal: Proposal, meta: WriteMeta): void {
  new ProposalRepository(services.db).save(caseId, 0, proposal, meta);
}

export function proposalForExport(services: Services, caseId: string): Proposal | undefined {
  return new ProposalRepository(services.db).find(caseId)?.proposal;
}

/** The programmes a case file carries when the sender chooses: the active ones and any the proposal names. */
export function programmesForExport(services: Services, proposal: Proposal | undefined): Programme[] {
  const named = new Set((proposal?.selected ?? []).filter((r) => r.type === 'programme').map((r) => r.id));
  return new ProgrammeRepository(services.db).list(true).filter((p) => !p.retired || named.has(p.id)).map((p) => ({ id: p.id, ...detailsOf(p) }));
}
