import type { z } from 'zod';
import { CASE_FILE_FORMAT, CURRENT_CASE_FILE_VERSION, caseFileSchemas, type CaseFile, type CaseFileV1, type CaseFileV2, type CaseFileV3, type CaseFileV4 } from '../contract/caseFile';
import { invalidInput, quoted, type ApiIssue } from '../contract/errors';
import { zodIssues } from '../contract/validate';

/**
 * Reads a case file of any published version, reporting every problem with its JSON path.
 * Throws `invalid_input` listing all issues; returns the file lifted to the current version.
 */
export function parseCaseFile(raw: unknown): CaseFile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidInput([{ path: '$', message: 'A case file is a JSON object.', key: 'errors.caseFileNotObject' }]);
  }
  const head = raw as Record<string, unknown>;
  if (head.format !== CASE_FILE_FORMAT) {
    throw invalidInput([{ path: '$.format', message: `Not a case file: "format" must be "${CASE_FILE_FORMAT}".`, key: 'errors.notACaseFile', params: { format: CASE_FILE_FORMAT } }]);
  }
  const version = head.formatVersion;
  const schema = typeof version === 'number' ? (caseFileSchemas as Record<number, z.ZodType>)[version] : undefined;
  if (!schema) {
    const known = Object.keys(caseFileSchemas).join(', ');
    const newer = typeof version === 'number' && version > CURRENT_CASE_FILE_VERSION;
    throw invalidInput([
      {
        path: '$.formatVersion',
        message: newer
          ? `This case file is version ${version}, written by a newer version of the app; this app reads versions ${known}.`
          : `Unknown case file version ${quoted(version)}; this app reads versions ${known}.`,
        key: newer ? 'errors.newerCaseFile' : 'errors.unknownCaseFileVersion',
        params: { known, ...(typeof version === 'number' ? { version } : {}) },
      },
    ]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(zodIssues(parsed.error));
  return upgradeCaseFile(parsed.data as CaseFile | CaseFileV4 | CaseFileV3 | CaseFileV2 | CaseFileV1);
}

/** Lifts an older case file to the current version: version 1 had no interview, 2 no proposal, 3 no charge categories or programmes, 4 no report text. */
export function upgradeCaseFile(file: CaseFile | CaseFileV4 | CaseFileV3 | CaseFileV2 | CaseFileV1): CaseFile {
  if (file.formatVersion !== CURRENT_CASE_FILE_VERSION) return { ...file, formatVersion: CURRENT_CASE_FILE_VERSION };
  return file;
}

export function issuesToText(issues: ApiIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
