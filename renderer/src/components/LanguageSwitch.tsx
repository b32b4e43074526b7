import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { shippedLanguages, shippedLanguageOf, type ShippedLanguage } from '../../../main/contract/languages';
import { call } from '../api/client';
import { autonym, switchLanguage } from '../i18n';

/**
 * The language of the screens: each language named in itself, so anyone finds their own whatever
 * the screen is in now. With someone signed in the choice is kept with the person, so it follows
 * them to any machine of the store.
 */
export function LanguageSwitch({ keepForPerson }: { keepForPerson: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = shippedLanguageOf(i18n.language) ?? 'en';
  const choose = async (language: ShippedLanguage) => {
    await switchLanguage(language);
    if (keepForPerson) await call('session.setLanguage', { language }).catch(() => undefined);
  };
  return (
    <span className="language-switch">
      <label htmlFor={id}>{t('app.language')}</label>{' '}
      <select id={id} value={current} onChange={(e) => void choose(e.target.value as ShippedLanguage)}>
        {shippedLanguages.map((l) => (
          <option key={l} value={l} lang={l}>
            {autonym(l)}
          </option>
        ))}
      </select>
    </span>
  );
}
