import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFileJsonSchemas } from '../../scripts/case-file-schemas';

describe('the committed JSON Schema of the case file', () => {
  it('is exactly what the zod schemas generate (run `npm run schemas` after changing them)', () => {
    for (const [name, schema] of Object.entries(caseFileJsonSchemas())) {
      const committed = JSON.parse(fs.readFileSync(path.join('schemas', name), 'utf8'));
      expect(committed, name).toEqual(schema);
    }
  });
});
