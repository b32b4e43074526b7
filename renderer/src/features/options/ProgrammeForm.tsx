import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../../../main/contract/errors';
import { consentKinds, needs, offenceCategories, riskLevels } from '../../../../main/contract/options';
import { issueText } from '../../components/errors';
import type { FormState } from './programmeForm';

interface Props {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  errorFor: (id: string) => ApiIssue | undefined;
  kinds: Array<{ kind: string; name: string }>;
  editing: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The fields of one programme, each with its problem beside it as the officer types. */
export function ProgrammeForm({ form, set, errorFor, kinds, editing, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const text = (key: keyof FormState, label: string, type: 'text' | 'email' | 'number' = 'text', hint?: string) => {
    const id = `prog-${key}`;
    const err = errorFor(id);
    return (
      <div className={err ? 'field field-error' : 'field'}>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {err && (
          <span className="error-message" id={`${id}-error`}>
            {issueText(t, err)}
          </span>
        )}
        <input
          id={id}
          type={type}
          value={form[key] as string}
          aria-invalid={err ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
          onChange={(e) => set(key, e.target.value as never)}
        />
      </div>
    );
  };
  const ticks = (key: 'needs' | 'excludedOffences' | 'consentRequired' | 'riskLevels', legend: string, values: readonly string[], labelKey: string) => (
    <fieldset id={`prog-${key}`} tabIndex={-1}>
      <legend>{legend}</legend>
      <div className="checkbox-group">
        {values.map((v) => (
          <label key={v}>
            <input type="checkbox" checked={form[key].includes(v)} onChange={(e) => set(key, e.target.checked ? [...form[key], v] : form[key].filter((x) => x !== v))} />
            {t(`${labelKey}.${v}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {text('name', t('programmesUi.name'))}
      {text('provider', t('programmesUi.provider'))}
      <div className={errorFor('prog-kind') ? 'field field-error' : 'field'}>
        <label htmlFor="prog-kind">{t('programmesUi.kind')}</label>
        {errorFor('prog-kind') && (
          <span className="error-message" id="prog-kind-error">
            {issueText(t, errorFor('prog-kind')!)}
          </span>
        )}
        <select id="prog-kind" value={form.kind} aria-invalid={errorFor('prog-kind') ? true : undefined} aria-describedby={errorFor('prog-kind') ? 'prog-kind-error' : undefined} onChange={(e) => set('kind', e.target.value)}>
          <option value="">{t('fields.choose')}</option>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.name}
            </option>
          ))}
        </select>
      </div>
      {ticks('needs', t('programmesUi.needs'), needs, 'need')}
      <fieldset>
        <legend>{t('programmesUi.eligibility')}</legend>
        <div className="inline-fields">
          {text('minAge', t('programmesUi.minAge'), 'number')}
          {text('maxAge', t('programmesUi.maxAge'), 'number')}
          <div className="field">
            <label htmlFor="prog-genderSpecific">{t('programmesUi.genderSpecific')}</label>
            <select id="prog-genderSpecific" value={form.genderSpecific} onChange={(e) => set('genderSpecific', e.target.value as FormState['genderSpecific'])}>
              <option value="">{t('programmesUi.anyone')}</option>
              <option value="women">{t('programmesUi.women')}</option>
              <option value="men">{t('programmesUi.men')}</option>
            </select>
          </div>
        </div>
        <div className="option-select">
          <input id="prog-youngAdultOnly" type="checkbox" checked={form.youngAdultOnly} onChange={(e) => set('youngAdultOnly', e.target.checked)} />
          <label htmlFor="prog-youngAdultOnly">{t('programmesUi.youngAdultOnly')}</label>
        </div>
        {ticks('excludedOffences', t('programmesUi.excludedOffences'), offenceCategories, 'offenceCategory')}
        {ticks('consentRequired', t('programmesUi.consentRequired'), consentKinds, 'consentKind')}
        {ticks('riskLevels', t('programmesUi.riskLevels'), riskLevels, 'riskLevel')}
      </fieldset>
      {text('location', t('programmesUi.location'))}
      <div className="inline-fields">
        {text('places', t('programmesUi.places'), 'number')}
        {text('waitingWeeks', t('programmesUi.waitingWeeks'), 'number')}
        {text('costAmount', t('programmesUi.costAmount'), 'number')}
        <div className="field">
          <label htmlFor="prog-costPeriod">{t('programmesUi.costPeriod')}</label>
          <select id="prog-costPeriod" value={form.costPeriod} onChange={(e) => set('costPeriod', e.target.value as FormState['costPeriod'])}>
            <option value="once">{t('programmesUi.once')}</option>
            <option value="weekly">{t('programmesUi.weekly')}</option>
            <option value="monthly">{t('programmesUi.monthly')}</option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t('programmesUi.contact')}</legend>
        {text('contactName', t('programmesUi.contactName'))}
        {text('phone', t('programmesUi.phone'))}
        {text('email', t('programmesUi.email'), 'email')}
        {text('address', t('programmesUi.address'))}
      </fieldset>
      {text('languages', t('programmesUi.languages'), 'text', t('programmesUi.languagesHint'))}
      <div className="form-actions">
        <button type="submit">{editing ? t('programmesUi.save') : t('programmesUi.create')}</button>{' '}
        {editing && (
          <button
            type="button"
            className="secondary"
            onClick={onCancel}
          >
            {t('programmesUi.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
