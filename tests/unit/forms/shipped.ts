import type { FormDefinition } from '../../../main/contract/form';
import { loadForms } from '../../../main/loaders/forms';

// The forms as shipped in templates/forms, loaded once through the real loader.

export const forms = loadForms();

export function form(id: 'full' | 'short-format' | 'pre-trial'): FormDefinition {
  const found = forms.get(id);
  if (!found) throw new Error(`The shipped form "${id}" is missing.`);
  return found;
}
