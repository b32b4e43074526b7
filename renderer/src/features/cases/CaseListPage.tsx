import { daysUntil, dueWording } from './due';
import { today } from './caseFormResolver';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { caseReportStates, caseSorts, type CaseReportState, type CaseSort, type CaseSummary } from '../../../../main/contract/case';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import { formatDate, formatDateTime } from '../../i18n';
import { CaseImport, canImport } from './CaseTransfer';
import { useActingPerson } from './transfer';

const PAGE_SIZE = 100;

interface ListParams {
  query: string;
  sort: CaseSort;
  /** One report state, or '' for every state. */
  state: CaseReportState | '';
  mine: boolean;
}

function initialParams(): ListParams {
  const params = new URLSearchParams(window.location.search);
  const sort = params.get('sort');
  const state = params.get('state');
  return {
    query: params.get('q') ?? '',
    sort: (caseSorts as readonly string[]).includes(sort ?? '') ? (sort as CaseSort) : 'due_date',
    state: (caseReportStates as readonly string[]).includes(state ?? '') ? (state as CaseReportState) : '',
    mine: params.get('mine') === '1',
  };
}

export function CaseListPage() {
  const { t, i18n } = useTranslation();
  const [{ query, sort, state, mine }, setParams] = useState(initialParams);
  const [result, setResult] = useState<{ total: number; totalCapped?: true; items: CaseSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchId = useId();
  const hintId = useId();
  const sortId = useId();
  const stateId = useId();
  const mineId = useId();
  const person = useActingPerson();

  useEffect(() => {
    // Keep the search in the address so a reload or the back button returns to the same list.
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (sort !== 'due_date') params.set('sort', sort);
    if (state) params.set('state', state);
    if (mine) params.set('mine', '1');
    const search = params.toString();
    window.history.replaceState(window.history.state, '', search ? `/?${search}` : '/');

    let cancelled = false;
    const timer = window.setTimeout(() => {
      call('cases.list', { ...(query.trim() ? { query } : {}), ...(state ? { state: [state] } : {}), ...(mine ? { mine } : {}), sort, limit: PAGE_SIZE })
        .then((r) => {
          if (!cancelled) {
            setResult(r);
            setError(null);
          }
        })
        .catch((e: unknown) => {
          if (!cancelled) setError(e instanceof ApiCallError ? errorText(t, e.error) : String(e));
        });
    }, 150);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query, sort, state, mine, t]);

  const lang = i18n.language;
  return (
    <>
      <div className="page-title-row">
        <h1>{t('cases.title')}</h1>
        <Link className="button" href="/cases/new">
          {t('nav.newCase')}
        </Link>
      </div>
      <div role="search" className="case-filters">
        <div className="field">
          <label htmlFor={searchId}>{t('cases.searchLabel')}</label>
          <span className="hint" id={hintId}>
            {t('cases.searchHint')}
          </span>
          <input
            id={searchId}
            type="search"
            value={query}
            aria-describedby={hintId}
            autoComplete="off"
            onChange={(e) => setParams((p) => ({ ...p, query: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor={sortId}>{t('cases.sortLabel')}</label>
          <select id={sortId} value={sort} onChange={(e) => setParams((p) => ({ ...p, sort: e.target.value as CaseSort }))}>
            {caseSorts.map((s) => (
              <option key={s} value={s}>
                {t(`cases.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={stateId}>{t('cases.stateLabel')}</label>
          <select id={stateId} value={state} onChange={(e) => setParams((p) => ({ ...p, state: e.target.value as CaseReportState | '' }))}>
            <option value="">{t('cases.allStates')}</option>
            {caseReportStates.map((s) => (
              <option key={s} value={s}>
                {t(`lifecycle.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-checkbox">
          <input id={mineId} type="checkbox" checked={mine} onChange={(e) => setParams((p) => ({ ...p, mine: e.target.checked }))} />
          <label htmlFor={mineId}>{t('cases.mineLabel')}</label>
        </div>
      </div>
      {error && (
        <p className="error-message" role="alert">
          {t('cases.loadFailed', { message: error })}
        </p>
      )}
      <p role="status" className="result-count">
        {result
          ? result.totalCapped
            ? t('cases.countShownOfMore', { shown: result.items.length, total: result.total })
            : result.total > result.items.length
            ? t('cases.countShown', { shown: result.items.length, total: result.total })
            : t('cases.count', { count: result.total })
          : t('app.loading')}
      </p>
      {result && result.items.length === 0 && <p>{query.trim() ? t('cases.noMatches', { query }) : state || mine ? t('cases.noneFiltered') : t('cases.empty')}</p>}
      {result && result.items.length > 0 && (
        <table className="case-table">
          <caption className="visually-hidden">{t('cases.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.col.caseNumber')}</th>
              <th scope="col">{t('cases.col.name')}</th>
              <th scope="col">{t('cases.col.court')}</th>
              <th scope="col">{t('cases.col.hearingDate')}</th>
              <th scope="col">{t('cases.col.reportDueDate')}</th>
              <th scope="col">{t('cases.col.reportType')}</th>
              <th scope="col">{t('cases.col.state')}</th>
              <th scope="col">{t('cases.col.author')}</th>
              <th scope="col">{t('cases.col.lastSaved')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link href={`/cases/${c.id}`}><bdi>{c.caseNumber}</bdi></Link>
                </th>
                <td>{c.personName}</td>
                <td>{c.court}</td>
                <td>{formatDate(c.hearingDate, lang)}</td>
                <td>
                  {formatDate(c.reportDueDate, lang)}
                  <DueIn due={c.reportDueDate} />
                </td>
                <td>{t(`enum.reportType.${c.reportType}`)}</td>
                <td>{t(`lifecycle.state.${c.state}`)}</td>
                <td>{c.authorName ?? t('cases.noAuthor')}</td>
                <td>{formatDateTime(c.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canImport(person) && <CaseImport />}
    </>
  );
}

/** Days left, or overdue in red and in words (never by colour alone). */
function DueIn({ due }: { due: string }) {
  const { t } = useTranslation();
  const { key, count } = dueWording(daysUntil(today(), due));
  return <span className={key === 'cases.due.overdue' ? 'due due-overdue' : 'due'}>{t(key, { count })}</span>;
}
