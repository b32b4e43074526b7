import type { FormDefinition } from '../../../../main/contract/form';
import type { FormProgress, ProgressCounts } from '../../../../main/domain/forms';
import { screenerFieldIds } from '../../../../main/domain/forms/screener';

/**
 * The interview's progress as a screener sees it: only the sections open to screeners
 * (`view`, from screenerView), their totals, and the first missing answer that is a screener's.
 */
export function screenerProgress(view: FormDefinition, progress: FormProgress): FormProgress {
  const shown = new Set(view.sections.map((s) => s.id));
  const ids = screenerFieldIds(view);
  const sections = progress.sections.filter((s) => shown.has(s.sectionId));
  const sum = (k: keyof ProgressCounts) => sections.reduce((n, s) => n + s[k], 0);
  const firstMissing = sections.map((s) => s.firstMissing).find((m) => m !== null && ids.has(m.fieldId)) ?? null;
  const missing = sum('missing');
  const invalid = sum('invalid');
  return { sections, required: sum('required'), answered: sum('answered'), declined: sum('declined'), missing, invalid, firstMissing, allDone: missing === 0 && invalid === 0 };
}
