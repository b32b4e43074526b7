import { Document, Packer, Paragraph } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packageOf } from '../../../main/export/docx';
import { FIXED_TIMESTAMP, normaliseDocx } from '../../../main/export/package';

// The package is zipped once, from the parts docx compiles, and must read exactly as the package
// docx zips itself would after the same normalisation: a clerk's hash of an export must not depend
// on which path wrote it.

const simple = () => new Document({ creator: 'bench', sections: [{ children: [new Paragraph('The court asked for a full report.')] }] });

describe('the DOCX package', () => {
  it('is compiled by the pinned docx version without a second compression pass', () => {
    expect(typeof (Packer as unknown as { compiler?: { compile?: unknown } }).compiler?.compile).toBe('function');
  });

  it('holds the same bytes whether docx zipped it first or not', async () => {
    const once = await packageOf(simple());
    const twice = normaliseDocx(await Packer.toBuffer(simple()));
    expect(Buffer.from(once).equals(Buffer.from(twice))).toBe(true);
  });

  it('carries fixed document dates, so the same report gives the same bytes on any day', async () => {
    const core = strFromU8(unzipSync(await packageOf(simple()))['docProps/core.xml']!);
    expect(core).toContain(`>${FIXED_TIMESTAMP}</dcterms:created>`);
    expect(core).toContain(`>${FIXED_TIMESTAMP}</dcterms:modified>`);
  });
});
