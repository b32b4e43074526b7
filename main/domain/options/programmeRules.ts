import { quoted, type ApiIssue } from '../../contract/errors';
import type { ProgrammeDetails } from '../../contract/options';
import type { Catalogue } from './catalogue';

// The checks on a local programme that its schema cannot make, pure so that the Programmes page runs
// them as the officer types and the API runs the same ones on every save and import.

/** Every problem with `details` against the catalogue, each with its JSON path under `prefix`. */
export function programmeIssues(details: ProgrammeDetails, catalogue: Pick<Catalogue, 'byKind'>, prefix = '$.details'): ApiIssue[] {
  const issues: ApiIssue[] = [];
  if (!catalogue.byKind.has(details.kind)) {
    issues.push({ path: `${prefix}.kind`, message: `The catalogue has no option of kind ${quoted(details.kind)}; choose one of ${[...catalogue.byKind.keys()].sort().join(', ')}.`, key: 'programmes.unknownKind', params: { kind: details.kind } });
  }
  const { minAge, maxAge } = details.eligibility;
  if (typeof minAge === 'number' && typeof maxAge === 'number' && minAge > maxAge) {
    issues.push({ path: `${prefix}.eligibility.maxAge`, message: `The upper age (${maxAge}) is below the lower age (${minAge}).`, key: 'programmes.ageRange', params: { minAge, maxAge } });
  }
  return issues;
}
