import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the control to jump to. */
  target: string;
  text: string;
}

/**
 * A list of every problem at the top of a form, focused when it appears, each linking to its field.
 * `onSelect` replaces the plain focus when the field first has to be shown (another interview section).
 */
export function ErrorSummary({ items, revision, onSelect }: { items: SummaryItem[]; revision: number; onSelect?: (target: string) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [revision, items.length]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t('validation.summaryTitle', { count: items.length })}</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.target}:${item.text}`}>
            <a
              href={`#${item.target}`}
              onClick={(e) => {
                e.preventDefault();
                if (onSelect) onSelect(item.target);
                else document.getElementById(item.target)?.focus();
              }}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
