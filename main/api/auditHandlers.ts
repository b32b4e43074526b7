import type { Method } from '../contract/api';
import { verifyAuditChain } from '../store/auditChain';
import type { Area, HandlerPart } from './types';

// The audit log's own check: every row's hash and link recomputed (main/store/auditChain.ts).

type AuditMethod = Extract<Method, `audit.${string}`>;

export function createAuditHandlers({ services }: Area): HandlerPart<AuditMethod> {
  return {
    'audit.verify': () => verifyAuditChain(services.db),
  };
}
