import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type Resolver, type ResolverResult } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/contract/api';
import type { ApiError } from '../../../../main/contract/errors';
import type { DueForErasure } from '../../../../main/contract/retention';
import { confirmsCaseNumber } from '../../../../main/domain/retention';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/errors';
import { fieldId, TextField } from '../../components/fields';
import { formatDate, isolate } from '../../i18n';

// Cases due for erasure (docs/retention.md): the closed cases kept longer than the service's
// retention period, for a senior officer or an administrator to erase. Erasing takes the case
// number typed again, and cannot be undone.

type Due = Output<'cases.dueForErasure'>;

const asError = (e: unknown): ApiError => (e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });

export function ErasurePage() {
  const { t, i18n } = useTranslation();
  const [due, setDue] = useState<Due | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [chosen, setChosen] = useState<DueForErasure | null>(null);

  const load = useCallback(async () => {
    try {
      setDue(await call('cases.dueForErasure', {}));
    } catch (e) {
      setError(asError(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const erased = (result: Output<'cases.erase'>, caseNumber: string) => {
    const lines = [t('erasure.erased', { caseNumber, count: result.backupsErased.length })];
    if (result.backupsFailed.length) lines.push(t('erasure.backupsFailed', { count: result.backupsFailed.length, list: result.backupsFailed.map((f) => f.backup).join(', ') }));
    setStatus(lines.join(' '));
    setChosen(null);
    void load();
  };

  const lang = i18n.language;
  return (
    <>
      <h1>{t('erasure.title')}</h1>
      {due && <p>{due.retentionDays === null ? t('erasure.notSet') : t('erasure.intro', { days: due.retentionDays })}</p>}
      <p role="status" aria-live="polite" className="save-status">
        {status}
      </p>
      {error && (
        <p role="alert" className="error-message">
          {errorText(t, error)}
        </p>
      )}
      {due && due.retentionDays !== null && due.items.length === 0 && <p>{t('erasure.none')}</p>}
      {due && due.items.length > 0 && (
        <table className="case-table">
          <caption className="visually-hidden">{t('erasure.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('erasure.col.caseNumber')}</th>
              <th scope="col">{t('erasure.col.court')}</th>
              <th scope="col">{t('erasure.col.closed')}</th>
              <th scope="col">{t('erasure.col.reason')}</th>
              <th scope="col">{t('erasure.col.past')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('erasure.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {due.items.map((c) => (
              <tr key={c.id}>
                <th scope="row"><bdi>{c.caseNumber}</bdi></th>
                <td>{c.court}</td>
                <td>{formatDate(c.closedAt.slice(0, 10), lang)}</td>
                <td>{c.reason === 'withdrawn' ? t('erasure.reason.withdrawn') : t('erasure.reason.report_issued')}</td>
                <td>{c.daysPastRetention}</td>
                <td>
                  <button type="button" className="secondary" aria-expanded={chosen?.id === c.id} onClick={() => setChosen(c)}>
                    {t('erasure.eraseCase', { caseNumber: isolate(c.caseNumber) })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && <ConfirmErasure key={chosen.id} item={chosen} onErased={erased} onCancel={() => setChosen(null)} />}
    </>
  );
}

interface ConfirmValues {
  confirm: string;
}

/** The erasure of one case, once its number is typed again: the same check the core makes, worded from the catalogue. */
function ConfirmErasure({ item, onErased, onCancel }: { item: DueForErasure; onErased: (r: Output<'cases.erase'>, caseNumber: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [summary, setSummary] = useState<{ items: Array<{ target: string; text: string }>; revision: number }>({ items: [], revision: 0 });
  const [failure, setFailure] = useState<ApiError | null>(null);
  useEffect(() => heading.current?.focus(), []);

  const resolver: Resolver<ConfirmValues> = (values): ResolverResult<ConfirmValues> => {
    const typed = values.confirm ?? '';
    const message = typed.trim() === '' ? t('erasure.confirmRequired') : confirmsCaseNumber(typed, item.caseNumber) ? null : t('erasure.confirmMismatch', { caseNumber: isolate(item.caseNumber) });
    if (message === null) return { values, errors: {} };
    return { values: {}, errors: { confirm: { type: 'validate', message } } };
  };
  const form = useForm<ConfirmValues>({ resolver, defaultValues: { confirm: '' } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(
    async ({ confirm }) => {
      setFailure(null);
      try {
        onErased(await call('cases.erase', { caseId: item.id, confirm }), item.caseNumber);
      } catch (e) {
        const error = asError(e);
        if (error.path === '$.confirm') {
          const text = t('erasure.confirmMismatch', { caseNumber: isolate(item.caseNumber) });
          form.setError('confirm', { message: text });
          setSummary((s) => ({ items: [{ target: fieldId('confirm'), text }], revision: s.revision + 1 }));
        } else setFailure(error);
      }
    },
    (invalid) => setSummary((s) => ({ items: invalid.confirm?.message ? [{ target: fieldId('confirm'), text: invalid.confirm.message }] : [], revision: s.revision + 1 })),
  );

  return (
    <section aria-labelledby="erase-title">
      <h2 id="erase-title" tabIndex={-1} ref={heading}>
        {t('erasure.confirmTitle', { caseNumber: isolate(item.caseNumber) })}
      </h2>
      <p>
        <strong>{t('erasure.confirmWarning', { caseNumber: isolate(item.caseNumber) })}</strong>
      </p>
      {failure && (
        <p role="alert" className="error-message">
          {errorText(t, failure)}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary items={summary.items} revision={summary.revision} />
        <TextField
          name="confirm"
          label={t('erasure.confirmLabel')}
          hint={t('erasure.confirmHint', { caseNumber: isolate(item.caseNumber) })}
          required
          error={errors.confirm}
          registration={form.register('confirm')}
        />
        <p>
          <button type="submit" disabled={isSubmitting}>
            {t('erasure.confirm')}
          </button>{' '}
          <button type="button" className="secondary" onClick={onCancel}>
            {t('erasure.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}
