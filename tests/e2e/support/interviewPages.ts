import type { Locator, Page } from 'playwright-core';
import type { CaseDetails } from '../../../main/contract/case';
import type { E2E } from './browser';

// Page objects for the interview: tests read as what an officer does during an interview.

/** A valid convicted case; override any part (dates are relative to the machine's today). */
export function caseFor(overrides: Omit<Partial<CaseDetails>, 'person'> & { person?: Partial<CaseDetails['person']> } = {}): CaseDetails {
  const { person, ...rest } = overrides;
  return {
    person: { givenNames: 'Amina', familyName: 'Okafor', dateOfBirth: '1990-04-12', gender: 'female', preferredLanguage: 'en', ...person },
    court: "City Magistrates' Court",
    caseNumber: `CR-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    hearingDate: isoDaysFromNow(30),
    reportDueDate: isoDaysFromNow(20),
    reportType: 'full',
    stage: 'convicted',
    charges: [{ offence: 'Theft from a shop', offenceDate: isoDaysFromNow(-60), plea: 'guilty' }],
    ...rest,
  };
}

export function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Creates a case through the same API the UI uses; returns its id. */
export async function createCase(e2e: E2E, details: CaseDetails): Promise<string> {
  const result = await e2e.mode.core.dispatch('cases.create', { details }, { actor: 'officer.e2e', door: 'http' });
  if (!result.ok) throw new Error(`cases.create failed: ${JSON.stringify(result.error)}`);
  return (result.value as { id: string }).id;
}

export class InterviewScreen {
  constructor(readonly page: Page) {}

  /** Opens the interview from the case page, by its "Interview" link. */
  async openFromCase(caseId: string, caseNumber: string): Promise<void> {
    await this.page.evaluate((id) => {
      window.history.pushState(null, '', `/cases/${id}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, caseId);
    await this.page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
    await this.page.getByRole('link', { name: 'Interview', exact: true }).click();
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: /^Interview/ }).waitFor();
    await this.page.locator('#section-heading').waitFor();
  }

  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' });
  }

  sectionLink(title: string): Locator {
    return this.nav().getByRole('button', { name: new RegExp(`^${escape(title)}`) });
  }

  async goToSection(title: string): Promise<void> {
    await this.sectionLink(title).click();
    await this.page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
  }

  /** "Complete", "Incomplete" or "Not applicable", as the section list shows it. */
  async sectionStatus(title: string): Promise<string> {
    return (await this.sectionLink(title).locator('.tag').innerText()).trim();
  }

  sectionTitles(): Promise<string[]> {
    return this.nav().locator('.section-title').allInnerTexts();
  }

  currentSection(): Promise<string> {
    return this.page.locator('#section-heading').innerText();
  }

  question(label: string | RegExp): Locator {
    const name = typeof label === 'string' ? new RegExp(`^${escape(label)}( \\(optional\\))?$`) : label;
    return this.page.locator('.interview-section').getByRole('group', { name });
  }

  field(label: string, within: Page | Locator = this.page.locator('.interview-section')): Locator {
    return within.getByLabel(new RegExp(`^${escape(label)}( \\(optional\\))?$`));
  }

  async choose(question: string, option: string, within?: Locator): Promise<void> {
    const group = within ? within.getByRole('group', { name: new RegExp(`^${escape(question)}( \\(optional\\))?$`) }) : this.question(question);
    await group.getByRole('radio', { name: option, exact: true }).check();
  }

  async tick(question: string, option: string): Promise<void> {
    await this.question(question).getByRole('checkbox', { name: option, exact: true }).check();
  }

  async type(label: string, text: string, within?: Locator): Promise<void> {
    await this.field(label, within).fill(text);
  }

  row(itemLabel: string, n: number): Locator {
    return this.page.getByRole('group', { name: `${itemLabel} ${n}`, exact: true });
  }

  async addRow(itemLabel: string): Promise<void> {
    await this.page.getByRole('button', { name: `Add ${itemLabel.charAt(0).toLowerCase()}${itemLabel.slice(1)}` }).click();
  }

  saveStatus(): Locator {
    return this.page.getByTestId('save-status');
  }

  /** Waits until the autosave says "Saved at HH:MM" after the latest change. */
  async waitSaved(): Promise<string> {
    await this.page.getByTestId('save-status').filter({ hasText: /^Saved at \d\d:\d\d$/ }).waitFor();
    return this.saveStatus().innerText();
  }

  /** The conflict screen: the answers changed in both places, side by side. */
  conflict(): Locator {
    return this.page.getByRole('region', { name: 'Someone else saved this interview' });
  }

  /** One question on the conflict screen, with my text and theirs. */
  conflictQuestion(question: string): Locator {
    return this.conflict().getByRole('group', { name: question, exact: true });
  }

  /** Settles one question on the conflict screen by keyboard: focus the choice and press Space. */
  async keepOnConflict(question: string, side: 'mine' | 'theirs'): Promise<void> {
    const choice = this.conflictQuestion(question).getByRole('radio', { name: side === 'mine' ? 'Keep mine' : /^Keep theirs/ });
    await choice.focus();
    await this.page.keyboard.press('Space');
  }

  async saveConflictChoices(): Promise<void> {
    await this.conflict().getByRole('button', { name: /^Save with th(is|ese) choices?$/ }).click();
  }

  async markComplete(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mark interview complete' }).click();
  }

  errorSummary(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /There (is a problem|are \d+ problems)/ });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens a case's interview in a tab that already holds the session (as a bookmark or a second window would). */
export async function openInterview(page: Page, caseId: string): Promise<InterviewScreen> {
  await page.evaluate((id) => {
    window.history.pushState(null, '', `/cases/${id}/interview`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, caseId);
  const screen = new InterviewScreen(page);
  await screen.ready();
  return screen;
}

/** Keyboard only: presses Tab until the focused control is named `name` (its label, or its text for a button). */
export async function tabTo(page: Page, name: string | RegExp, maxTabs = 60): Promise<void> {
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
      return (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? label === name : name.test(label)) return;
  }
  throw new Error(`Tabbed ${maxTabs} times without reaching "${String(name)}"`);
}
