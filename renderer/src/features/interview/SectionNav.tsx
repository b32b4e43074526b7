import { useTranslation } from 'react-i18next';
import type { FormDefinition, Section } from '../../../../main/contract/form';
import type { FormProgress } from '../../../../main/domain/forms';
import { localize } from './model';

// The progress view: every section with its status and counts, and a way to the first gap.

interface Props {
  form: FormDefinition;
  sections: Section[];
  progress: FormProgress;
  current: string;
  onSelect: (sectionId: string) => void;
  onFirstMissing: (() => void) | null;
}

export function SectionNav({ sections, progress, current, onSelect, onFirstMissing }: Props) {
  const { t, i18n } = useTranslation();
  const recorded = progress.answered + progress.declined;
  return (
    <nav className="section-nav" aria-labelledby="interview-sections" id="interview-nav">
      <h2 id="interview-sections" tabIndex={-1}>
        {t('interview.sections')}
      </h2>
      <p className="progress-total">
        {t('interview.progressTotal', { recorded, required: progress.required })}
        {progress.invalid > 0 && <span className="progress-invalid"> · {t('interview.toCorrect', { count: progress.invalid })}</span>}
      </p>
      {onFirstMissing ? (
        <button type="button" className="secondary small" onClick={onFirstMissing}>
          {t('interview.firstMissing')}
        </button>
      ) : (
        <p className="muted">{t('interview.nothingMissing')}</p>
      )}
      <ol>
        {sections.map((section) => {
          const p = progress.sections.find((s) => s.sectionId === section.id);
          if (!p) return null;
          const isCurrent = section.id === current;
          return (
            <li key={section.id}>
              <button type="button" className={`section-link status-${p.status}${isCurrent ? ' current' : ''}`} aria-current={isCurrent ? 'step' : undefined} onClick={() => onSelect(section.id)}>
                <span className="section-title">{localize(section.title, i18n.language)}</span>
                <span className="section-state">
                  <span className={`tag tag-${p.status}`}>{t(`forms.status.${p.status}`)}</span>
                  {p.required > 0 && <span className="counts">{t('interview.counts', { recorded: p.answered + p.declined, required: p.required })}</span>}
                  {p.invalid > 0 && <span className="counts counts-invalid">{t('interview.toCorrect', { count: p.invalid })}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
