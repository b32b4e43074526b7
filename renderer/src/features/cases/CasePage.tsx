import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { AuditEntry } from '../../../../main/contract/api';
import { genders, pleas, reportTypes, stages, type CaseDetails, type CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { DateField, fieldId, SelectField, TextField, useLanguageOptions } from '../../components/fields';
import { shippedLanguages, spokenLanguages } from '../../../../main/contract/languages';
import { formatDateTime, formatTime, isolate } from '../../i18n';
import { CaseNav } from '../../components/CaseNav';
import { ConflictPanel } from '../../drafts/ConflictPanel';
import { newSaveId } from '../../drafts/draftStore';
import { CaseHistory } from './CaseHistory';
import { caseDetailsResolver, issuesToFieldErrors, normalise } from './caseFormResolver';
import { caseWording } from './caseText';
import { emptyCase, emptyCharge, flatten } from './caseFormModel';
import { useCaseMerge } from './useCaseMerge';
import { ChargeClassification } from './ChargeClassification';
import { CaseExport } from './CaseTransfer';
import { useActingPerson } from './transfer';

export function CasePage({ id }: { id: string | null }) {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  // A new case is saved on /cases/new and then shown on its own address; the time it was saved
  // travels in the history entry so the status survives that move.
  const [savedAt, setSavedAt] = useState<string | null>(() => (window.history.state as { savedAt?: string } | null)?.savedAt ?? null);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [submitCount, setSubmitCount] = useState(0);
  const resolver = useMemo(() => caseDetailsResolver(t), [t]);
  const person = useActingPerson();
  // A case opened from a file says so once, on arrival (CaseTransfer.tsx puts it in the history entry).
  const [imported] = useState(() => (window.history.state as { imported?: 'inquiry' | 'caseFile' } | null)?.imported ?? null);

  const form = useForm<CaseDetails>({
    defaultValues: emptyCase,
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onBlur',
    // The error summary takes focus instead, so every problem is announced at once.
    shouldFocusError: false,
  });
  const { register, handleSubmit, reset, watch, setError, formState, control } = form;
  const charges = useFieldArray({ control, name: 'charges' });
  const spokenOptions = useLanguageOptions(spokenLanguages, watch('person.preferredLanguage'));
  const courtOptions = useLanguageOptions(shippedLanguages, watch('courtLanguage'));
  const serviceLanguage = useServiceLanguage();
  const gender = watch('person.gender');

  const load = useCallback(async () => {
    if (!id) return;
    try {
      const found = await call('cases.get', { id });
      setRecord(found);
      reset(found.details);
      setLoadError(null);
      setSaveError(null);
      setHistory(await call('cases.history', { id }));
    } catch (e) {
      setLoadError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    }
  }, [id, reset]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!formState.isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [formState.isDirty]);

  // A save over a version replaced meanwhile is merged (useCaseMerge), which saves again through here.
  const staleRef = useRef<(opened: CaseRecord, mine: CaseDetails) => Promise<void>>(async () => undefined);
  const submit = useCallback(
    async (details: CaseDetails, over: CaseRecord | null) => {
      setSaveError(null);
      try {
        const saved = over ? await call('cases.update', { id: over.id, version: over.version, details, saveId: newSaveId() }) : await call('cases.create', { details });
        setRecord(saved);
        setSavedAt(saved.updatedAt);
        reset(saved.details);
        setHistory(await call('cases.history', { id: saved.id }));
        if (!over) navigate(`/cases/${saved.id}`, { replace: true, state: { savedAt: saved.updatedAt } });
      } catch (e) {
        const error: ApiError = e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) };
        if (error.code === 'conflict' && over) {
          await staleRef.current(over, details);
          return;
        }
        // Field-level issues come with bad input and with refusals about a field (a child's date of birth).
        if (error.issues) {
          const fieldErrors = issuesToFieldErrors(t, error.issues, '$.details');
          for (const item of Object.keys(fieldErrors)) {
            setError(item as never, (fieldErrors as Record<string, FieldError>)[item]!);
          }
        }
        setSaveError(error);
        setSubmitCount((n) => n + 1);
      }
    },
    [navigate, reset, setError, t],
  );
  const merge = useCaseMerge(submit);
  staleRef.current = merge.onStale;
  const wording = useMemo(() => caseWording(t), [t]);
  const onValid = (values: CaseDetails) => {
    merge.clearCombined();
    return submit(normalise(values), record);
  };

  if (loadError) {
    return (
      <>
        <h1>{t('errors.title')}</h1>
        <p role="alert">{loadError.code === 'not_found' ? t('errors.notFound') : errorText(t, loadError)}</p>
      </>
    );
  }
  if (id && !record) return <p role="status">{t('app.loading')}</p>;

  const e = formState.errors;
  const summary = flatten(e);
  const lang = i18n.language;
  const title = record ? t('case.editTitle', { caseNumber: isolate(record.details.caseNumber) }) : t('case.newTitle');
  const options = (values: readonly string[], group: string) => values.map((v) => ({ value: v, label: t(`enum.${group}.${v}`) }));

  return (
    <>
      <h1>{title}</h1>
      {record && <CaseNav caseId={record.id} current="details" />}
      <p className="save-status" role="status" aria-live="polite">
        {formState.isSubmitting
          ? t('case.saving')
          : savedAt
            ? t('case.savedAt', { time: formatTime(savedAt, lang) })
            : formState.isDirty
              ? t('case.unsaved')
              : ''}
      </p>
      {record && (
        <p className="last-saved">
          {t('case.lastSaved', { when: formatDateTime(record.updatedAt, lang), who: record.updatedBy, version: record.version })}
        </p>
      )}
      {record && (
        <p className="interview-link">
          <Link href={`/cases/${record.id}/interview`} className="button">
            {t('case.interviewLink')}
          </Link>{' '}
          <span className="hint">{t('case.interviewHint')}</span>
        </p>
      )}
      {record && imported && (
        <div className="banner" role="status">
          <p>{t(imported === 'inquiry' ? 'inquiry.transfer.importedInquiry' : 'inquiry.transfer.importedCaseFile')}</p>
        </div>
      )}
      {merge.conflict && <ConflictPanel conflict={merge.conflict} wording={wording} onResolve={merge.resolve} />}
      {merge.combined.length > 0 && !merge.conflict && (
        <div className="banner" role="status">
          <p>{t('drafts.combinedOnSave', { count: merge.combined.length })}</p>
          <ul>
            {merge.combined.map((part) => (
              <li key={part}>{wording.label(part)}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorSummary items={summary} revision={formState.submitCount + submitCount} />
      {saveError && saveError.code !== 'invalid_input' && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, saveError)}</p>
          {saveError.code === 'conflict' && (
            <button type="button" onClick={() => void load()}>
              {t('case.reloadLatest')}
            </button>
          )}
        </div>
      )}
      <form noValidate onSubmit={(ev) => void handleSubmit(onValid, () => setSubmitCount((n) => n + 1))(ev)}>
        <fieldset>
          <legend>{t('case.person')}</legend>
          <TextField name="person.givenNames" label={t('fields.givenNames')} required error={e.person?.givenNames} registration={register('person.givenNames')} />
          <TextField name="person.familyName" label={t('fields.familyName')} required error={e.person?.familyName} registration={register('person.familyName')} />
          <DateField<CaseDetails> name="person.dateOfBirth" control={control} label={t('fields.dateOfBirth')} required error={e.person?.dateOfBirth} />
          <SelectField name="person.gender" label={t('fields.gender')} required placeholder={t('fields.choose')} options={options(genders, 'gender')} error={e.person?.gender} registration={register('person.gender')} />
          {gender === 'self_described' && (
            <TextField
              name="person.genderDescription"
              label={t('fields.genderDescription')}
              required
              error={e.person?.genderDescription}
              registration={register('person.genderDescription', { shouldUnregister: true })}
            />
          )}
          <SelectField
            name="person.preferredLanguage"
            label={t('fields.preferredLanguage')}
            hint={t('fields.preferredLanguageHint')}
            required
            placeholder={t('fields.choose')}
            options={spokenOptions}
            error={e.person?.preferredLanguage}
            registration={register('person.preferredLanguage')}
          />
        </fieldset>
        <fieldset>
          <legend>{t('case.courtAndHearing')}</legend>
          <TextField name="court" label={t('fields.court')} required error={e.court} registration={register('court')} />
          <TextField name="caseNumber" dir="auto" label={t('fields.caseNumber')} required error={e.caseNumber} registration={register('caseNumber')} />
          <DateField<CaseDetails> name="hearingDate" control={control} label={t('fields.hearingDate')} required error={e.hearingDate} />
        </fieldset>
        <fieldset>
          <legend>{t('case.report')}</legend>
          <SelectField name="stage" label={t('fields.stage')} required placeholder={t('fields.choose')} options={options(stages, 'stage')} error={e.stage} registration={register('stage')} />
          <SelectField name="reportType" label={t('fields.reportType')} required placeholder={t('fields.choose')} options={options(reportTypes, 'reportType')} error={e.reportType} registration={register('reportType')} />
          <DateField<CaseDetails> name="reportDueDate" control={control} label={t('fields.reportDueDate')} required error={e.reportDueDate} />
          <SelectField
            name="courtLanguage"
            label={t('fields.courtLanguage')}
            hint={t('fields.courtLanguageHint')}
            placeholder={t('fields.courtLanguageDefault', { language: serviceLanguage })}
            options={courtOptions}
            error={e.courtLanguage}
            registration={register('courtLanguage', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
          />
        </fieldset>
        <fieldset>
          <legend>{t('case.charges')}</legend>
          {e.charges?.root?.message || e.charges?.message ? (
            <p className="error-message" id={fieldId('charges')} tabIndex={-1}>
              {e.charges?.root?.message ?? e.charges?.message}
            </p>
          ) : null}
          {charges.fields.map((field, i) => (
            <fieldset key={field.id} className="charge">
              <legend>{t('case.charge', { n: i + 1 })}</legend>
              <TextField name={`charges.${i}.offence`} label={t('fields.offence')} required error={e.charges?.[i]?.offence} registration={register(`charges.${i}.offence`)} />
              <DateField<CaseDetails> name={`charges.${i}.offenceDate`} control={control} label={t('fields.offenceDate')} required error={e.charges?.[i]?.offenceDate} />
              <SelectField name={`charges.${i}.plea`} label={t('fields.plea')} required placeholder={t('fields.choose')} options={options(pleas, 'plea')} error={e.charges?.[i]?.plea} registration={register(`charges.${i}.plea`)} />
              <ChargeClassification index={i} register={register} errors={e.charges?.[i]} />
              {charges.fields.length > 1 && (
                <button type="button" className="secondary" onClick={() => charges.remove(i)}>
                  {t('case.removeCharge', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          ))}
          <button type="button" className="secondary" onClick={() => charges.append(emptyCharge)}>
            {t('case.addCharge')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" disabled={formState.isSubmitting}>
            {record ? t('case.save') : t('case.create')}
          </button>
        </div>
      </form>
      {record && person && <CaseExport record={record} person={person} />}
      <CaseHistory history={history} />
    </>
  );
}

/** The service's report language (the jurisdiction's), which a case without a court language is written in. */
function useServiceLanguage(): string {
  const [language, setLanguage] = useState('en');
  useEffect(() => {
    let live = true;
    void call('app.info', {}).then((info) => live && setLanguage(info.reportLanguage)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return language;
}
