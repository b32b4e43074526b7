import type { ApiIssue } from '../../contract/errors';
import type { Field, FormDefinition, Section } from '../../contract/form';
import type { Interview } from '../../contract/interview';
import { sameJson } from '../merge';

// What a screener may answer (docs/DOMAIN.md section 1: a screener from a civil society
// organisation gathers part of the interview, an inquiry, and hands it to the officer). The form
// data says which part: a section marked `"screener": true` is open to screeners, and any question
// may say otherwise with its own `screener`. The person's account of the offence and the officer's
// own assessment are never a screener's, whatever the data says: the form schema refuses such a
// question marked open, and these helpers leave them out of a section that is open.

/** Whether a screener may answer this question of this section. */
export function openToScreener(section: Section, field: Field): boolean {
  if (field.offenceAccount || field.authorAssessment) return false;
  return field.screener ?? section.screener === true;
}

/** The ids of the questions a screener may answer, in the form's order. */
export function screenerFieldIds(form: FormDefinition): Set<string> {
  const ids = new Set<string>();
  for (const section of form.sections) {
    for (const field of section.fields) if (openToScreener(section, field)) ids.add(field.id);
  }
  return ids;
}

/**
 * The form as a screener sees it: the sections with at least one question open to screeners, each
 * with only those questions. Ids, rules and versions are the form's own, so an interview taken on
 * this view is an interview on the form.
 */
export function screenerView(form: FormDefinition): FormDefinition {
  const sections = form.sections.flatMap((section) => {
    const fields = section.fields.filter((field) => openToScreener(section, field));
    return fields.length > 0 ? [{ ...section, fields }] : [];
  });
  return { ...form, sections };
}

/** Only the answers a screener may give: what an inquiry carries out of an interview. */
export function screenerAnswers(form: FormDefinition, interview: Interview): Interview['answers'] {
  const open = screenerFieldIds(form);
  return Object.fromEntries(Object.entries(interview.answers).filter(([id]) => open.has(id)));
}

/**
 * The paths (`<prefix>.answers.<fieldId>`) of the answers in `interview` a screener may not give:
 * answers to questions not open to screeners, and answers to questions the form does not have.
 * With `before` (the interview as stored), an answer left exactly as it was stored is not a
 * screener's answer and is not refused: a screener saving a case an officer started keeps the
 * officer's answers without touching them. An answer removed is refused like one changed.
 */
export function screenerRefusals(form: FormDefinition, interview: Interview, options: { before?: Interview; prefix?: string } = {}): string[] {
  const open = screenerFieldIds(form);
  const prefix = options.prefix ?? '$.interview';
  const before = options.before?.answers ?? {};
  const ids = new Set([...Object.keys(interview.answers), ...Object.keys(before)]);
  const order = new Map<string, number>();
  form.sections.forEach((s) => s.fields.forEach((f) => order.set(f.id, order.size)));
  return [...ids]
    .filter((id) => !open.has(id) && !sameJson(interview.answers[id], before[id]))
    .sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0))
    .map((id) => `${prefix}.answers.${id}`);
}

/** The same refusals as problems to send back, each naming its path in the catalogue's words. */
export function screenerRefusalIssues(form: FormDefinition, interview: Interview, options: { before?: Interview; prefix?: string } = {}): ApiIssue[] {
  return screenerRefusals(form, interview, options).map((path) => ({
    path,
    message: 'A screener does not answer this question: it is the officer’s.',
    key: 'inquiry.notScreenerQuestion',
  }));
}
