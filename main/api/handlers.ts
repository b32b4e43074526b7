import { CaseRepository } from '../store/cases';
import { InterviewRepository } from '../store/interviews';
import { ProgrammeRepository } from '../store/programmes';
import { ProposalRepository } from '../store/proposals';
import { ReportTextRepository } from '../store/reportTexts';
import { SigningKeyRepository } from '../store/signingKeys';
import { PeopleRepository } from '../store/people';
import { ReportVersionRepository } from '../store/reportVersions';
import { createLifecycleHandlers } from './lifecycleHandlers';
import { createAppHandlers } from './appHandlers';
import { createAuditHandlers } from './auditHandlers';
import { createCaseHandlers } from './caseHandlers';
import { createInterviewSaver } from './interviewSave';
import { createInterviewHandlers } from './interviewHandlers';
import { createInquiryHandlers } from './inquiryHandlers';
import { createOptionsHandlers } from './optionsHandlers';
import { createReportHandlers } from './reportHandlers';
import { createReportTextHandlers } from './reportTextHandlers';
import { createSigningHandlers } from './signingHandlers';
import { createPeopleHandlers } from './peopleHandlers';
import { createRetentionHandlers } from './retentionHandlers';
import { createStoreHandlers } from './storeHandlers';
import type { Area, CallContext, Handlers, Services } from './types';

// The one place the handler table is put together: each area's factory returns its part, and the
// parts are spread into the table. `satisfies Handlers` makes a missing or extra call a type error.

export function createHandlers(services: Services): Handlers {
  const { db } = services;
  const area: Area = {
    services,
    stores: { cases: new CaseRepository(db), interviews: new InterviewRepository(db), programmes: new ProgrammeRepository(db), proposals: new ProposalRepository(db), reportTexts: new ReportTextRepository(db), signingKeys: new SigningKeyRepository(db), people: new PeopleRepository(db), reportVersions: new ReportVersionRepository(db) },
    meta: (ctx: CallContext) => ({ actor: ctx.actor, at: services.now().toISOString() }),
  };
  const interviews = createInterviewSaver(area);
  return {
    ...createAppHandlers(area),
    ...createCaseHandlers(area, interviews),
    ...createInterviewHandlers(area, interviews),
    ...createStoreHandlers(area),
    ...createOptionsHandlers(area),
    ...createReportHandlers(area),
    ...createReportTextHandlers(area),
    ...createSigningHandlers(area),
    ...createPeopleHandlers(area),
    ...createInquiryHandlers(area, interviews),
    ...createLifecycleHandlers(area),
    ...createAuditHandlers(area),
    ...createRetentionHandlers(area),
  } satisfies Handlers;
}
