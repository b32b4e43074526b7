import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * These pages load their data after navigation, so the heading the app moves focus to on
 * navigation is not there yet. Once it is, name the window after it and move focus to it, as
 * for every other page.
 */
export function usePageHeading(title: string | null): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!title) return;
    document.title = `${title} – ${t('app.title')}`;
    const heading = document.querySelector('main h1');
    if (heading instanceof HTMLElement && document.activeElement !== heading && (document.activeElement === document.body || document.activeElement === null)) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }, [title, t]);
}
