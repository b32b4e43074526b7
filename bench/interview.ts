import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { CaseDetails } from '../main/contract/case';
import type { FormFile, Section } from '../main/contract/form';
import type { Interview } from '../main/contract/interview';
import { startBrowserE2E } from '../tests/e2e/support/browser';
import { line, ms, percentile } from './stats';

// Interview responsiveness in Chromium with a 300-field form: keystroke-to-paint latency
// while typing into a long answer of a 150-question section (target median < 16 ms), and the
// autosave round trip, timed in the page from request to parsed answer, with all 300 questions
// answered (target p95 < 30 ms). The form is generated
// into a temporary copy of templates/ and served through browser mode, exactly as a service's own
// forms would be. Needs the built renderer (npm run build:renderer) and Debian's Chromium.

const CHROMIUM = process.env.PSR_CHROMIUM ?? '/usr/bin/chromium';
const SECTIONS = 2;
const PER_SECTION = 150;

function generatedSection(s: number): Section {
  const fields: Section['fields'] = [];
  for (let q = 1; q <= PER_SECTION; q += 1) {
    const id = `bench${s}.q${q}`;
    const label = { en: `Question ${q} of section ${s}` };
    const help = { en: 'Generated for the benchmark.' };
    const requiredWhen = q % 2 === 0;
    // A rule on an earlier answer every ten questions, so evaluation has real work to do.
    const visibleWhen = q % 10 === 5 ? { '!=': [{ var: `answers.bench${s}.q${q - 1}` }, false] } : undefined;
    const common = { id, label, help, requiredWhen, ...(visibleWhen ? { visibleWhen } : {}) };
    switch (q % 5) {
      case 0:
        fields.push({ ...common, kind: 'long_text', maxGraphemes: 3000 });
        break;
      case 1:
        fields.push({ ...common, kind: 'short_text', maxGraphemes: 200 });
        break;
      case 2:
        fields.push({ ...common, kind: 'single_choice', options: ['low', 'medium', 'high', 'not_known'].map((o) => ({ id: o, label: { en: o.replace('_', ' ') } })) });
        break;
      case 3:
        fields.push({ ...common, kind: 'number', min: 0, max: 10_000, integer: true });
        break;
      default:
        fields.push({ ...common, kind: 'yes_no' });
    }
  }
  return { id: `bench${s}`, title: { en: `Generated section ${s}` }, fields };
}

export function benchTemplates(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-templates-'));
  fs.cpSync(path.resolve(import.meta.dirname, '../templates'), dir, { recursive: true });
  const form: FormFile = {
    id: 'full',
    version: 1,
    titleKey: 'forms.title.full',
    title: { en: 'Benchmark interview (300 questions)' },
    reportTypes: ['full'],
    // Informed participation must come first in every form; the 300 generated questions follow it.
    sections: [{ include: 'participation' }, ...Array.from({ length: SECTIONS }, (_, i) => generatedSection(i + 1))],
  };
  fs.writeFileSync(path.join(dir, 'forms', 'full.json'), JSON.stringify(form, null, 2));
  return dir;
}

function answersFor(): Interview['answers'] {
  const answers: Interview['answers'] = {};
  for (let s = 1; s <= SECTIONS; s += 1) {
    for (let q = 1; q <= PER_SECTION; q += 1) {
      const kind = q % 5;
      const value = kind === 0 ? 'A considered paragraph about this topic, as an officer would write it. '.repeat(4) : kind === 1 ? 'Short answer' : kind === 2 ? 'medium' : kind === 3 ? 42 : true;
      answers[`bench${s}.q${q}`] = { status: 'answered', value, source: { kind: 'self_reported' } };
    }
  }
  return answers;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function benchInterview(): Promise<string[]> {
  const out = [`Interview benchmark: ${SECTIONS * PER_SECTION} generated questions (+ informed participation) in Chromium (${os.cpus().length} cores, Node ${process.version})`];
  if (!fs.existsSync(CHROMIUM)) return [...out, `skipped: Chromium is not installed at ${CHROMIUM}`];
  const templates = benchTemplates();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-interview-'));
  const previous = process.env.PSR_TEMPLATES_DIR;
  process.env.PSR_TEMPLATES_DIR = templates;
  // Browser mode as an officer meets it: a protected store, signed in as its one officer.
  const mode = await startBrowserE2E(dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const ctx = { actor: 'bench', door: 'cli' } as const;
    const details: CaseDetails = {
      person: { givenNames: 'Amina', familyName: 'Okafor', dateOfBirth: '1990-04-12', gender: 'female', preferredLanguage: 'en' },
      court: "City Magistrates' Court",
      caseNumber: 'BENCH-1',
      hearingDate: day(30),
      reportDueDate: day(20),
      reportType: 'full',
      stage: 'convicted',
      charges: [{ offence: 'Theft from a shop', offenceDate: day(-60), plea: 'guilty' }],
    };
    const created = await mode.core.dispatch('cases.create', { details }, ctx);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const caseId = (created.value as { id: string }).id;
    const saved = await mode.core.dispatch('interview.save', { caseId, version: 0, interview: { formId: 'full', formVersion: 1, answers: answersFor() } }, ctx);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(mode.server.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.evaluate((id) => {
      window.history.pushState(null, '', `/cases/${id}/interview`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, caseId);
    await page.locator('#section-heading').waitFor();
    await page.getByRole('button', { name: /^Generated section 1/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Generated section 1' }).waitFor();
    const fieldCount = await page.locator('.interview-section .question').count();
    out.push(`questions rendered in the open section: ${fieldCount}`);

    // Keystroke to paint, two ways: keydown to the next animation frame after the input event (the
    // frame that paints it starts then), and to the task after that frame (it has been painted).
    await page.evaluate(() => {
      const w = window as unknown as { __frame: number[]; __painted: number[] };
      w.__frame = [];
      w.__painted = [];
      let start = 0;
      document.addEventListener('keydown', () => (start = performance.now()), true);
      document.addEventListener(
        'input',
        () => {
          const begun = start;
          requestAnimationFrame(() => {
            w.__frame.push(performance.now() - begun);
            setTimeout(() => w.__painted.push(performance.now() - begun), 0);
          });
        },
        true,
      );
      // Every fetch to the save endpoint, timed from the page: the autosave round trip.
      const w2 = window as unknown as { __saves: number[] };
      w2.__saves = [];
      const original = window.fetch.bind(window);
      window.fetch = async (input, init) => {
        const t0 = performance.now();
        const response = await original(input, init);
        if (String(input).includes('/api/interview.save')) {
          await response.clone().text();
          w2.__saves.push(performance.now() - t0);
        }
        return response;
      };
    });
    const textarea = page.locator('#q-bench1-q75');
    await textarea.focus();
    await page.keyboard.press('End');
    // Twice: on a quiet machine, and with the other core kept busy by another process (an officer's
    // laptop running a virus scan or a video call), each run with its own figures against the targets.
    for (const load of ['quiet', 'other core busy'] as const) {
      const busy = load === 'quiet' ? null : spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
      try {
        out.push(`${load}:`);
        await page.evaluate(() => {
          const w = window as unknown as { __frame: number[]; __painted: number[]; __saves: number[] };
          w.__frame = [];
          w.__painted = [];
          w.__saves = [];
        });
        const text = 'The person describes a settled routine since release; work is steady. ';
        for (let i = 0; i < 140; i += 1) {
          await page.keyboard.type(text[i % text.length]!);
          // Pauses now and then, so evaluation, backup and autosave also run between keystrokes.
          await page.waitForTimeout(i % 20 === 19 ? 300 : 40);
        }
        const { frame, painted } = await page.evaluate(() => {
          const w = window as unknown as { __frame: number[]; __painted: number[] };
          return { frame: w.__frame, painted: w.__painted };
        });
        out.push(line('  keystroke to next frame median', percentile(frame, 50), ms, 16));
        out.push(line('  keystroke to next frame p95', percentile(frame, 95), ms));
        out.push(line('  keystroke to painted median', percentile(painted, 50), ms, 16));
        out.push(line('  keystroke to painted p95', percentile(painted, 95), ms));

        // Autosave round trips: each change followed by a window blur, which saves at once.
        await page.evaluate(() => ((window as unknown as { __saves: number[] }).__saves = []));
        for (let i = 0; i < 60; i += 1) {
          await page.keyboard.type(String(i % 10));
          await page.evaluate(() => window.dispatchEvent(new Event('blur')));
          await page.getByTestId('save-status').filter({ hasText: /^Saved at/ }).waitFor();
        }
        const saves = await page.evaluate(() => (window as unknown as { __saves: number[] }).__saves);
        out.push(line('  autosave round trip median', percentile(saves, 50), ms));
        out.push(line('  autosave round trip p95', percentile(saves, 95), ms, 30));
        out.push(`  samples: ${frame.length} keystrokes, ${saves.length} saves`);
      } finally {
        busy?.kill();
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await mode.stop();
    if (previous === undefined) delete process.env.PSR_TEMPLATES_DIR;
    else process.env.PSR_TEMPLATES_DIR = previous;
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(templates, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log((await benchInterview()).join('\n'));
}
