import type { AnswerItem, ReportTemplate } from '../../contract/report';
import { translator } from '../../contract/messages';

// "Start from the recorded facts" (docs/DOMAIN.md, writing the report): plain sentences for one
// section from its answers, chosen by the template's phrases. Deterministic: the same facts give
// the same text. Withheld (not-for-disclosure) items are never drafted.

export interface DraftInput {
  template: ReportTemplate;
  sectionId: string;
  items: readonly AnswerItem[];
  personName: string;
}

function answerKey(answer: AnswerItem['answer']): string {
  if (typeof answer === 'boolean') return answer ? 'yes' : 'no';
  if (typeof answer === 'string' || typeof answer === 'number') return String(answer);
  return '*';
}

function fill(pattern: string, params: Record<string, string>): string {
  // An answer that ends its own sentence ("... now.") does not get a second full stop from the phrase.
  return pattern.replace(/\{(name|value|label)\}/g, (_, k: string) => params[k] ?? '').replace(/([.!?])\.(?=\s|$)/g, '$1');
}

/** The evidence prefix group of an item id: everything before its last dot. */
function groupOf(id: string): string {
  const at = id.lastIndexOf('.');
  return at < 0 ? id : id.slice(0, at);
}

export function draftSection(input: DraftInput): string {
  const { template, items, personName } = input;
  const t = translator(template.language);
  const fallback = template.drafting?.fallback ?? t('report.drafting.fallback', { label: '{label}', value: '{value}', interpolation: { escapeValue: false } });
  const declined = template.drafting?.declined ?? t('report.drafting.declined', { name: '{name}', label: '{label}', interpolation: { escapeValue: false } });
  const phrases = template.drafting?.phrases ?? {};
  const groups = new Map<string, string[]>();
  for (const item of items) {
    if (item.notForDisclosure) continue;
    const params = { name: personName, value: item.value, label: template.labels.items[item.id] ?? item.label };
    let pattern: string;
    if (item.status === 'declined') pattern = declined;
    else {
      const byAnswer = phrases[item.id];
      pattern = byAnswer?.[answerKey(item.answer)] ?? byAnswer?.['*'] ?? fallback;
    }
    const group = groupOf(item.id);
    const list = groups.get(group) ?? [];
    list.push(fill(pattern, params).trim());
    groups.set(group, list);
  }
  return [...groups.values()].map((s) => s.join(' ')).join('\n\n');
}
