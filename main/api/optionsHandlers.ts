import type { Method } from '../contract/api';
import { invalidInput, type ApiIssue } from '../contract/errors';
import type { Programme, ProgrammeDetails, Proposal } from '../contract/options';
import { PROGRAMMES_FILE_FORMAT, ProgrammesFile, type optionsEntries } from '../contract/optionsApi';
import { zodIssues } from '../contract/validate';
import { checkConditions, type Catalogue } from '../domain/options';
import { caseProfile, checkLanguage, matchCase, programmesToMatch, type CaseMatchInput } from '../domain/options/caseMatch';
import { programmeIssues } from '../domain/options/programmeRules';
import { formForReportType } from '../domain/interviewRules';
import { shippedCatalogue } from '../loaders/shipped';
import { detailsOf } from '../store/programmes';
import { assertEditable } from './reportLife';
import { reportLanguageFor } from './storedReport';
import type { Area, HandlerPart, Stores } from './types';

// Handlers of the options calls: programmes, matching, the proposal and its checks. The profile is
// always derived from the stored case and interview (domain/options/caseMatch), never taken from a caller.

type OptionsMethod = keyof typeof optionsEntries & Method;

/** What matching one stored case reads from the store; the report builds the same from a case file. */
function storedCaseMatchInput(area: Area, caseId: string, catalogue: Catalogue, proposal?: Proposal): CaseMatchInput {
  const { services, stores } = area;
  const details = stores.cases.get(caseId).details;
  return {
    details,
    interview: stores.interviews.find(caseId)?.interview ?? null,
    form: formForReportType(services.forms, details.reportType),
    catalogue,
    programmes: programmesToMatch(stores.programmes.list(true), proposal),
    proposal,
    youngAdultUpperAge: services.jurisdiction.youngAdultUpperAge,
    jurisdictionOptions: services.jurisdiction.options,
    language: reportLanguageFor(area, details),
  };
}

export function createOptionsHandlers(area: Area): HandlerPart<OptionsMethod> {
  const { services, stores } = area;
  const { programmes, proposals } = stores;
  // Read when a call first needs it (main/loaders/shipped.ts keeps it for the process).
  const loaded = () => services.catalogue ?? shippedCatalogue();
  const catalogueOf = (): Catalogue => loaded().compiled;
  const caseInput = (caseId: string, proposal?: Proposal) => storedCaseMatchInput(area, caseId, catalogueOf(), proposal);

  function checkProgramme(details: ProgrammeDetails, prefix = '$.details'): void {
    const issues = programmeIssues(details, catalogueOf(), prefix);
    if (issues.length) throw invalidInput(issues);
  }

  return {
    'programmes.list': ({ includeRetired }) => programmes.list(includeRetired ?? true),
    'programmes.create': ({ details }, ctx) => {
      checkProgramme(details);
      return programmes.create(details, area.meta(ctx));
    },
    'programmes.update': ({ id, version, details }, ctx) => {
      checkProgramme(details);
      return programmes.update(id, version, details, area.meta(ctx));
    },
    'programmes.retire': ({ id, version }, ctx) => programmes.retire(id, version, area.meta(ctx)),
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
        if (typeof p.kind === 'string' && p.eligibility && typeof p.eligibility === 'object') issues.push(...programmeIssues(p as ProgrammeDetails, catalogueOf(), `$.programmes[${i}]`));
        if (typeof p.id === 'string') {
          const first = seen.get(p.id);
          if (first !== undefined) issues.push({ path: `$.programmes[${i}].id`, message: `The id ${p.id} is already used by $.programmes[${first}].`, key: 'programmes.duplicateId' });
          else seen.set(p.id, i);
        }
      });
      if (!parsed.success || issues.length) throw invalidInput(issues);
      const meta = area.meta(ctx);
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
    'options.catalogue': () => loaded().source,
    'options.jurisdiction': () => services.jurisdiction.options ?? null,
    'options.profile': ({ caseId }) => {
      const input = caseInput(caseId);
      return { profile: caseProfile(input), language: checkLanguage(input) };
    },
    'options.match': ({ caseId }) => {
      const proposal = proposals.find(caseId)?.proposal;
      return matchCase(caseInput(caseId, proposal));
    },
    'proposal.get': ({ caseId }) => {
      const input = caseInput(caseId);
      const profile = caseProfile(input);
      const stored = proposals.find(caseId);
      return {
        version: stored?.version ?? 0,
        proposal: stored?.proposal ?? null,
        checks: stored
          ? checkConditions(stored.proposal, profile, checkLanguage(input), catalogueOf(), programmesToMatch(programmes.list(true), stored.proposal))
          : { checks: [], open: 0, staleAcknowledgements: [] },
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
      };
    },
    'proposal.save': ({ caseId, version, proposal, saveId }, ctx) => {
      assertEditable(area, caseId, ctx, 'proposal');
      const input = caseInput(caseId);
      const profile = caseProfile(input);
      const saved = proposals.save(caseId, version, proposal, { ...area.meta(ctx), saveId });
      return {
        version: saved.version,
        checks: checkConditions(saved.proposal, profile, checkLanguage(input), catalogueOf(), programmesToMatch(programmes.list(true), saved.proposal)),
        updatedAt: saved.updatedAt,
      };
    },
  };
}

/** The programmes a case file carries when the sender chooses: the active ones and any the proposal names. */
export function programmesForExport(programmes: Stores['programmes'], proposal: Proposal | undefined): Programme[] {
  return programmesToMatch(programmes.list(true), proposal).map((p) => ({ id: p.id, ...detailsOf(p) }));
}
