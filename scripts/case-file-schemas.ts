import { z } from 'zod';
import { caseFileSchemas, CURRENT_CASE_FILE_VERSION } from '../main/contract/caseFile';

/** One JSON Schema per published case-file version, generated from the zod schemas. */
export function caseFileJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [version, schema] of Object.entries(caseFileSchemas)) {
    out[`case-file.v${version}.schema.json`] = {
      ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }),
      $id: `https://psr-author.invalid/schemas/case-file.v${version}.schema.json`,
      title: `Pre-sentence report case file, version ${version}${Number(version) === CURRENT_CASE_FILE_VERSION ? ' (current)' : ''}`,
    };
  }
  return out;
}
