import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../main/contract/errors';
import { listReportTemplates, loadReportTemplate } from '../../../main/loaders/reportTemplates';
import { tempDir } from '../../support/core';
import { SHIPPED_TEMPLATES, TEST_TEMPLATES } from '../../support/reports';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of the full report template with one change, in a folder of its own. */
function brokenTemplate(change: (t: Record<string, unknown> & { sections: Array<Record<string, unknown> & { blocks: Array<Record<string, unknown>> }> }) => void): string {
  const dir = tempDir('psr-templates-');
  dirs.push(dir);
  const t = JSON.parse(fs.readFileSync(path.join(SHIPPED_TEMPLATES, 'full-report.json'), 'utf8'));
  change(t);
  fs.writeFileSync(path.join(dir, 'full-report.json'), JSON.stringify(t));
  return dir;
}

describe('report templates', () => {
  it('ships a full, a short-format, a pre-trial report and an addendum in English, all valid, and hides the test template from users', () => {
    const shipped = listReportTemplates();
    expect(shipped.map((t) => [t.id, t.language, t.direction])).toEqual([
      ['addendum', 'en-GB', 'ltr'],
      ['full-report', 'en-GB', 'ltr'],
      ['pre-trial-report', 'en-GB', 'ltr'],
      ['short-format-report', 'en-GB', 'ltr'],
    ]);
    const withTest = listReportTemplates({ dirs: [SHIPPED_TEMPLATES, TEST_TEMPLATES], includeTest: true });
    expect(withTest.find((t) => t.id === 'test-rtl-ar')).toMatchObject({ test: true, direction: 'rtl', language: 'ar' });
    expect(listReportTemplates({ dirs: [TEST_TEMPLATES] })).toEqual([]);
  });

  it('gives the full report its sections in the order a court expects', () => {
    expect(loadReportTemplate('full-report').sections.map((s) => s.title)).toEqual([
      'Front sheet',
      'Sources of information',
      'Offence analysis',
      'Previous offending and response to supervision',
      'Circumstances and needs',
      'Circumstances and needs: women',
      'Circumstances and needs: age and maturity',
      'Risk and protective factors',
      'Impact of custody on dependants and on a pregnancy',
      'Options considered',
      'Women with dependants or who are pregnant',
      'Proposal',
      'Conclusion',
      'Completion',
    ]);
  });

  it.each(['full-report', 'short-format-report', 'pre-trial-report'])('%s is written by the officer: no interview answers, a place to write with guidance in each analytical section, and drafting phrases', (id) => {
    const template = loadReportTemplate(id);
    for (const section of template.sections) {
      expect(section.blocks.filter((b) => b.type === 'answers'), section.id).toEqual([]);
      expect(section.showSources, section.id).toBe(false);
      if (section.write) {
        expect(section.write.guidance, section.id).toMatch(/^[A-Z].*\.$/);
        expect(section.blocks.some((b) => b.type === 'text'), section.id).toBe(true);
      }
    }
    const required = template.sections.filter((s) => s.write?.required).map((s) => s.id);
    expect(required).toEqual(expect.arrayContaining(id === 'pre-trial-report' ? ['circumstances', 'risk', 'proposal'] : ['offence-analysis', 'risk', 'conclusion']));
    // A score never stands alone: the risk table is followed directly by the officer's reasons, written as the author's assessment.
    const risk = template.sections.find((s) => s.id === 'risk')!;
    const at = risk.blocks.findIndex((b) => b.type === 'table' && b.rows === 'riskAssessments');
    expect(risk.blocks[at + 1]?.type).toBe('text');
    expect(risk.write).toMatchObject({ required: true, opinion: true });
    const phrases = template.drafting?.phrases ?? {};
    expect(Object.keys(phrases).length).toBeGreaterThanOrEqual(25);
    for (const prefix of ['home.', 'work.', 'finance.', 'mentalHealth.', 'health.', 'substance.', 'relationships.', 'dependants.', 'caregiving.pregnant', 'maturity.', 'offence.']) {
      expect(Object.keys(phrases).some((k) => k.startsWith(prefix)), prefix).toBe(true);
    }
    expect(template.drafting?.declined).toContain('{name}');
  });

  it('a pre-trial report speaks only to release: no offence analysis, no sentence proposal, no age at the offence', () => {
    const template = loadReportTemplate('pre-trial-report');
    expect(template.sections.map((s) => s.id)).not.toContain('offence-analysis');
    expect(JSON.stringify(template.sections)).not.toMatch(/ageAtOffence|at the offence|sentence proposal|custodial sentence/i);
  });

  it('refuses a binding to a field the report context does not have, naming the file, the JSON path and the reason', () => {
    const dir = brokenTemplate((t) => {
      t.sections[0]!.blocks[0] = { type: 'paragraph', content: ['Born ', { field: 'case.person.birthday', format: 'date' }] };
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(
      `${path.join(dir, 'full-report.json')}: $.sections[0].blocks[0].content[1].field: Unknown binding "case.person.birthday": "birthday" is not a field of case.person`,
    );
  });

  it('refuses a condition that uses an operator outside the allowed rule language', () => {
    const dir = brokenTemplate((t) => {
      t.sections[2]!.when = { method: [{ var: 'facts.stage' }, 'toString'] };
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(/\$\.sections\[2\]\.when\.method: Unknown or disallowed operator "method"/);
  });

  it('refuses a condition on a variable the context does not have', () => {
    const dir = brokenTemplate((t) => {
      t.sections[5]!.when = { var: 'facts.isFemale' };
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(/\$\.sections\[5\]\.when\.var: Unknown variable "facts.isFemale"/);
  });

  it('refuses a table column the rows do not have, and an unknown block type', () => {
    const dir = brokenTemplate((t) => {
      const table = t.sections[9]!.blocks[0] as { columns: Array<{ field: string }> };
      table.columns[0]!.field = 'title';
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(/\$\.sections\[9\]\.blocks\[0\]\.columns\[0\]\.field: Unknown column "title" for options/);
    const dir2 = brokenTemplate((t) => {
      t.sections[0]!.blocks[0] = { type: 'script', code: 'alert(1)' };
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir2] })).toThrow(/\$\.sections\[0\]\.blocks\[0\]\.type/);
  });

  it('refuses a template whose id does not match its file name, and says when a template does not exist', () => {
    const dir = brokenTemplate((t) => {
      t.id = 'other';
    });
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(/\$\.id: The id "other" does not match the file name/);
    expect(() => loadReportTemplate('no-such-template')).toThrow(/No report template "no-such-template"/);
  });

  it('names a missing or mismatched template by its id and a folder relative to templates/, never a path of this machine', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected a refusal');
    };
    const missing = refusal(() => loadReportTemplate('no-such-template'));
    expect(missing.message).toBe('No report template "no-such-template" in reports.');
    expect(missing.details).toMatchObject({ key: 'report.errors.noTemplate', params: { templateId: 'no-such-template' } });
    const dir = brokenTemplate((t) => {
      t.id = 'other';
    });
    const mismatched = refusal(() => loadReportTemplate('full-report', { dirs: [dir] }));
    expect(mismatched.message).not.toContain(dir);
    expect(mismatched.details).toMatchObject({ key: 'report.errors.templateIdMismatch', params: { templateId: 'full-report', found: 'other' } });
  });
});

describe('a template loaded again', () => {
  it('is read afresh when its file changed, and is refused at once when the change broke it', () => {
    const dir = brokenTemplate(() => undefined);
    const file = path.join(dir, 'full-report.json');
    expect(loadReportTemplate('full-report', { dirs: [dir] }).title).not.toBe('Changed title');
    const t = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...t, title: 'Changed title' }));
    expect(loadReportTemplate('full-report', { dirs: [dir] }).title).toBe('Changed title');
    fs.writeFileSync(file, JSON.stringify({ ...t, sections: 'none' }));
    expect(() => loadReportTemplate('full-report', { dirs: [dir] })).toThrow(/sections/);
  });

  it('is the caller’s own copy: a change one caller makes never reaches the next', () => {
    const dir = brokenTemplate(() => undefined);
    const first = loadReportTemplate('full-report', { dirs: [dir] });
    first.sections.splice(0);
    first.title = 'Scribbled on';
    const second = loadReportTemplate('full-report', { dirs: [dir] });
    expect(second.title).not.toBe('Scribbled on');
    expect(second.sections.length).toBeGreaterThan(0);
  });
});
