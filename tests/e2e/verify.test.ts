import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { tempDir } from '../support/core';
import { womanWithTwoDependants } from '../fixtures/interviews';
import { expectAccessible, startE2E, type E2E } from './support/browser';

// A court clerk (or the officer) checks a file on the Check a document page: exactly what the
// service signed, or which part changed.

let e2e: E2E | null = null;
const work = tempDir('psr-e2e-verify-');
afterEach(async () => {
  await e2e?.close();
  e2e = null;
});

describe('checking a document', () => {
  it('says an exported report is exactly what the service signed, and names the part changed in a doctored copy', async () => {
    e2e = await startE2E();
    const { page, mode } = e2e;
    // Acting for the officer signed in at the start (an encrypted store binds every session to one person).
    const ctx = { actor: 'x', door: 'http' as const, session: { personId: mode.core.people.list()[0]!.id } };
    const c = womanWithTwoDependants();
    const created = await mode.core.dispatch('cases.create', { details: c.details }, ctx);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const id = (created.value as { id: string }).id;
    const exported = await mode.core.dispatch('report.export', { caseId: id, templateId: 'full-report' }, ctx);
    if (!exported.ok) throw new Error(JSON.stringify(exported.error));
    const bytes = Buffer.from((exported.value as { fileBase64: string }).fileBase64, 'base64');
    const good = path.join(work, 'report.docx');
    fs.writeFileSync(good, bytes);

    await page.getByRole('link', { name: 'Check a document' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check a document');
    await page.getByLabel('Report file').setInputFiles(good);
    await expect.poll(() => page.getByRole('status').innerText()).toContain('report.docx is exactly what this service signed.');
    expect(await page.getByRole('status').innerText()).toContain('CR-2026-0415');
    await expectAccessible(page, 'check a document');

    // The same file with one word altered, the signature kept: the page names the part.
    const parts = unzipSync(bytes);
    parts['word/document.xml'] = strToU8(strFromU8(parts['word/document.xml']!).replace('Okafor', 'Okafoz'));
    const zip = zipSync(parts);
    let at = bytes.length - 22;
    while (!(bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06)) at--;
    const comment = bytes.subarray(at + 22);
    const forged = Buffer.concat([Buffer.from(zip), Buffer.from(comment)]);
    forged.writeUInt16LE(comment.length, zip.length - 2);
    const bad = path.join(work, 'doctored.docx');
    fs.writeFileSync(bad, forged);
    await page.getByLabel('Report file').setInputFiles(bad);
    await expect.poll(() => page.getByRole('status').innerText()).toContain('doctored.docx was changed after it was signed');
    expect(await page.getByRole('status').innerText()).toContain('word/document.xml was changed');
    await expectAccessible(page, 'check a document, changed');
  });
});
