import type { Method } from '../contract/api';
import { AppError } from '../contract/errors';
import { buildInquiry, checkInquiry, inquiryFileName, parseInquiry, screenerOrganisation, withInquirySources } from '../domain/inquiry';
import { interviewSetting, offenceAccountFieldIds } from '../domain/interviewRules';
import { localDate } from '../domain/localDate';
import { appendAudit } from '../store/audit';
import { InquiryKeys, isSealed, openSealedInquiry, sealInquiry } from './inquirySeal';
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
  // Worked out from the forms when first needed: a start that reads no interview loads no form.
  let accountIds: ReturnType<typeof offenceAccountFieldIds> | undefined;
  const offenceAccountIds = () => (accountIds ??= offenceAccountFieldIds(services.forms));
  const inquiryKeys = new InquiryKeys(db);
  return {
    'inquiry.address': async (_input, ctx) => {
      const person = actingPerson(ctx);
      return { recipient: (await inquiryKeys.forPerson(person.id, services.now().toISOString())).recipient };
    },
    'inquiry.export': async ({ caseId, recipient }, ctx) => {
      const screener = actingPerson(ctx);
      const record = stores.cases.get(caseId);
      const { form } = interviewSetting(services.forms, record.details, jurisdiction.youngAdultUpperAge);
      const createdAt = services.now().toISOString();
      const pkg = buildInquiry({ details: record.details, interview: stores.interviews.find(caseId)?.interview ?? null, form, screener, createdAt });
      const fileName = inquiryFileName(record.details, createdAt);
      if (!recipient) return { fileName, package: pkg };
      return { fileName: fileName.replace(/\.json$/, '') + '.age', package: pkg, sealed: await sealInquiry(pkg, recipient, stores.signingKeys) };
    },
    'inquiry.import': async ({ package: given }, ctx) => {
      // A sealed package opens only with the importing person's key, and its signature must hold.
      let raw = given;
      let signer: { fingerprint: string; knownHere: boolean } | null = null;
      if (isSealed(given)) {
        const person = actingPerson(ctx);
        const opened = await openSealedInquiry(given, (await inquiryKeys.forPerson(person.id, services.now().toISOString())).identity, stores.signingKeys);
        raw = opened.package;
        signer = opened.signer;
      }
      const pkg = parseInquiry(raw);
      checkInquiry(pkg, { forms: services.forms, youngAdultUpperAge: jurisdiction.youngAdultUpperAge, today: localDate(services.now()), offenceAccountIds: offenceAccountIds() });
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
          changes: [{ path: '$.inquiry', after: { screener: pkg.screener.name, ...(organisation ? { organisation } : {}), preparedAt: pkg.createdAt, answers: Object.keys(pkg.interview.answers).length, ...(signer ? { signedBy: signer.fingerprint } : {}) } }],
        });
        return record;
      }).immediate();
    },
  };
}
