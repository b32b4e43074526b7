import type { TFunction } from 'i18next';
import type { SectionText, WritableSection } from '../../../../main/contract/reportText';
import type { ConflictWording } from '../../drafts/ConflictPanel';

// The parts of the report text (main/domain/merge.ts, reportTextParts) named and written out for
// the officer, for the restored-copy notice and the conflict screen.

export function reportTextWording(t: TFunction, sections: readonly WritableSection[]): ConflictWording {
  const titles = new Map(sections.map((s) => [s.id, s.title]));
  return {
    title: t('write.conflictTitle'),
    label(part) {
      if (part.startsWith('section:')) {
        const title = titles.get(part.slice('section:'.length));
        return title ? t('write.part.section', { title }) : t('write.removedSection');
      }
      return t('write.part.acknowledgement');
    },
    show(part, value) {
      if (value === undefined) return t('drafts.conflict.empty');
      if (part.startsWith('section:')) return (value as SectionText).text || t('drafts.conflict.empty');
      return (value as { reason: string }).reason;
    },
  };
}
