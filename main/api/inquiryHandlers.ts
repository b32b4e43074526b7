import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import { buildInquiry, checkInquiry, inquiryFileName, parseInquiry, screenerOrganisation, withInquirySources } from '../domain/inquiry';
import { interviewSetting, offenceAccountFieldIds } from '../domain/interviewRules';
import { localDate } from '../domain/localDate';
import { appendAudit } from '../store/audit';
import type { InterviewSaver } from './interviewSave';
import type { Area, CallContext, HandlerPart } from './types';

// Inquiries from screeners (docs/DOMAIN.md section 1): the screener exports the part of the
// interview open to screeners as a package; the officer imports it as a new case whose answers name
// the screener and their organisation as their source. The package is checked as a whole (the
// case, the form, each answer) before anything of it is written, as a case file is.

type InquiryMethod = Extract<Method, `inquiry.${string}`>;

/** The person the call acts for: a package names who prepared it, so a call without one is refused. */
function actingPerson(ctx: CallContext) {
  if (ctx.person) return ctx.person;
  throw new AppError('refused', 'Say who is using the app first: add yourself on first start, or choose your name.', { key: 'errors.whoIsUsing' });
}

export function createInquiryHandlers(area: Area, interviews: InterviewSaver): HandlerPart<InquiryMethod> {
  const { services, stores, meta } = area;
  const { db, jurisdiction } = services;
  const offenceAccountIds = offenceAccountFieldIds(services.forms);
  return {
    'inquiry.export': ({ caseId }, ctx) => {
      const screener = actingPerson(ctx);
      const record = stores.cases.get(caseId);
      const { form } = interviewSetting(services.forms, record.details, jurisdiction.youngAdultUpperAge);
      const createdAt = services.now().toISOString();
      const pkg = buildInquiry({ details: record.details, interview: stores.interviews.find(caseId)?.interview ?? null, form, screener, createdAt });
      return { fileName: inquiryFileName(record.details, createdAt), package: pkg };
    },
    'inquiry.import': ({ package: raw }, ctx) => {
      const pkg = parseInquiry(raw);
      checkInquiry(pkg, { forms: services.forms, youngAdultUpperAge: jurisdiction.youngAdultUpperAge, today: localDate(services.now()), offenceAccountIds });
      const interview = withInquirySources(pkg, jurisdiction.locale);
      // The case, its interview and the audit's note of where they came from are written together or not at all.
      return db.transaction(() => {
        let record;
        try {
          record = stores.cases.create(pkg.case, meta(ctx));
        } catch (e) {
          // The store names the case number of a new case; here it is the package's.
          if (e instanceof AppError && e.code === 'duplicate') throw new AppError('duplicate', e.message, { ...e.details, path: '$.case.caseNumber' });
          throw e;
        }
        // The officer who imports the inquiry writes the case from here on.
        if (ctx.person) stores.reportVersions.assign(record.id, ctx.person.id, meta(ctx));
        interviews.save(record.id, 0, interview, ctx);
        const organisation = screenerOrganisation(pkg.screener);
        appendAudit(db, meta(ctx), {
          entity: 'case',
          entityId: record.id,
          action: 'create_from_inquiry',
          version: record.version,
          changes: [{ path: '$.inquiry', after: { screener: pkg.screener.name, ...(organisation ? { organisation } : {}), preparedAt: pkg.createdAt, answers: Object.keys(pkg.interview.answers).length } }],
        });
        return record;
      }).immediate();
    },
  };
}
