import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import { optionGroups, type MatchItem, type MatchResult, type OptionRef, type Proposal, type Status } from '../../../../main/contract/options';
import type { ProgrammeRecord } from '../../../../main/contract/optionsApi';
import type { Catalogue } from '../../../../main/domain/options/catalogue';
import { ApiCallError, call } from '../../api/client';
import { errorText, issueText } from '../../components/errors';
import { CaseNav } from '../../components/CaseNav';
import { currentActor } from '../../drafts/actor';
import { readDraft, updateDraft, type DraftKey } from '../../drafts/draftStore';
import { compiledCatalogue, emptyProposal, refKey } from './data';
import { usePageHeading } from './usePageHeading';
import './options.css';
import { isolate } from '../../i18n';

const statuses: readonly Status[] = ['suitable', 'suitable_with_concerns', 'not_suitable'];

/** The matched options for a case, with filters, the deciding facts, and a selection feeding the proposal. */
export function OptionsPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [result, setResult] = useState<MatchResult | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<'' | Status>('');
  const [group, setGroup] = useState('');
  // The selection feeds the proposal's unsaved copy (drafts/), which the proposal page saves.
  const [draft, setDraft] = useState<{ key: DraftKey; stored: { version: number; doc: Proposal }; proposal: Proposal } | null>(null);
  const [programmes, setProgrammes] = useState<ReadonlyMap<string, ProgrammeRecord>>(new Map());

  const load = useCallback(async () => {
    try {
      const [found, matched, saved, compiled, progs, actor] = await Promise.all([
        call('cases.get', { id }),
        call('options.match', { caseId: id }),
        call('proposal.get', { caseId: id }),
        compiledCatalogue(),
        call('programmes.list', { includeRetired: true }),
        currentActor(),
      ]);
      setProgrammes(new Map(progs.map((p) => [p.id, p])));
      setRecord(found);
      setResult(matched);
      setCatalogue(compiled);
      const key: DraftKey = { kind: 'proposal', caseId: id, actor };
      const stored = { version: saved.version, doc: saved.proposal ?? emptyProposal() };
      setDraft({ key, stored, proposal: readDraft<Proposal>(key)?.mine ?? stored.doc });
    } catch (e) {
      setError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const selected = useMemo(() => new Set((draft?.proposal.selected ?? []).map(refKey)), [draft]);
  usePageHeading(record ? t('optionsUi.title', { caseNumber: isolate(record.details.caseNumber) }) : null);
  const shown = useMemo(() => (result?.items ?? []).filter((i) => (!status || i.status === status) && (!group || i.group === group)), [result, status, group]);

  if (error) {
    return (
      <>
        <h1>{t('errors.title')}</h1>
        <p role="alert">{errorText(t, error)}</p>
      </>
    );
  }
  if (!record || !result || !draft) return <p role="status">{t('app.loading')}</p>;

  const toggle = (ref: OptionRef, on: boolean) => {
    const proposal = updateDraft<Proposal>(draft.key, draft.stored, (p) => {
      const others = p.selected.filter((r) => refKey(r) !== refKey(ref));
      return { ...p, selected: on ? [...others, ref] : others };
    });
    setDraft({ ...draft, proposal });
  };

  const summaryOf = (item: MatchItem) => {
    const wording = catalogue?.byId.get(item.optionId)?.option.wording;
    return (wording?.[i18n.language] ?? wording?.[i18n.language.split('-')[0]!] ?? wording?.en)?.summary;
  };

  return (
    <>
      <h1>{t('optionsUi.title', { caseNumber: isolate(record.details.caseNumber) })}</h1>
      <CaseNav caseId={id} current="options" />
      <p>{t('optionsUi.intro')}</p>
      {result.notes.length > 0 && (
        <section className="options-notes" aria-labelledby="options-notes-title">
          <h2 id="options-notes-title">{t('optionsUi.notes')}</h2>
          <ul>
            {result.notes.map((n) => (
              <li key={n.key + JSON.stringify(n.params)}>{issueText(t, n)}</li>
            ))}
          </ul>
        </section>
      )}
      <fieldset className="options-filters">
        <legend>{t('optionsUi.filters')}</legend>
        <div className="field">
          <label htmlFor="filter-status">{t('optionsUi.statusFilter')}</label>
          <select id="filter-status" value={status} onChange={(e) => setStatus(e.target.value as '' | Status)}>
            <option value="">{t('optionsUi.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-group">{t('optionsUi.groupFilter')}</label>
          <select id="filter-group" value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">{t('optionsUi.all')}</option>
            {optionGroups.map((g) => (
              <option key={g} value={g}>
                {t(`group.${g}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p role="status" aria-live="polite">
        {t('optionsUi.shown', { count: shown.length, total: result.items.length })}
      </p>
      {shown.length === 0 && <p>{t('optionsUi.none')}</p>}
      <ul className="options-list">
        {shown.map((item) => {
          const k = refKey(item.ref);
          const headingId = `opt-${k.replace(/[^\w-]/g, '-')}`;
          const deciding = item.reasons.filter((r) => r.effect !== 'suitable');
          const summary = item.ref.type === 'option' ? summaryOf(item) : undefined;
          return (
            <li key={k} className={`option-item status-${item.status}`}>
              <div className="option-head">
                <h2 id={headingId}>{item.name}</h2>
                <span className={`status-tag status-${item.status}`}>{t(`status.${item.status}`)}</span>
              </div>
              <p className="option-meta">
                {t(`group.${item.group}`)} · {t('optionsUi.rank', { rank: item.restrictiveness })}
                {item.provider ? ` · ${t('optionsUi.provider', { provider: item.provider })}` : ''}
              </p>
              {item.prioritised && <p>{t('optionsUi.prioritised')}</p>}
              {summary && <p>{summary}</p>}
              {item.ref.type === 'programme' && programmes.get(item.ref.id) && <ProgrammeFacts programme={programmes.get(item.ref.id)!} />}
              {item.needsAddressed.length > 0 && <p>{t('optionsUi.needsAddressed', { needs: item.needsAddressed.map((n) => t(`need.${n}`)).join(', ') })}</p>}
              {deciding.length > 0 ? (
                <ul className="reasons">
                  {deciding.map((r, i) => (
                    <li key={`${r.ruleId}:${i}`}>{issueText(t, r)}</li>
                  ))}
                </ul>
              ) : (
                <p>{t('optionsUi.noReasons')}</p>
              )}
              {item.reasons.length > deciding.length && (
                <details>
                  <summary>{t('optionsUi.allChecks', { count: item.reasons.length })}</summary>
                  <ul className="reasons">
                    {item.reasons.map((r, i) => (
                      <li key={`${r.ruleId}:${i}`}>{issueText(t, r)}</li>
                    ))}
                  </ul>
                </details>
              )}
              <div className="option-select">
                <input id={`select-${headingId}`} type="checkbox" checked={selected.has(k)} onChange={(e) => toggle(item.ref, e.target.checked)} />
                <label htmlFor={`select-${headingId}`}>{t('optionsUi.select', { name: item.name })}</label>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="selection-bar">
        <p role="status" aria-live="polite">
          {t('optionsUi.selectedCount', { count: draft.proposal.selected.length })}
        </p>
        <Link href={`/cases/${id}/proposal`}>{t('optionsUi.toProposal')}</Link>
        <span className="hint">{t('optionsUi.selectionSaved')}</span>
      </div>
    </>
  );
}

/** What an officer needs to refer someone to a local programme: where, when, what it costs, whom to call. */
function ProgrammeFacts({ programme: p }: { programme: ProgrammeRecord }) {
  const { t } = useTranslation();
  const contact = [p.contact.name, p.contact.phone, p.contact.email, p.contact.address].filter(Boolean).join(', ');
  return (
    <dl className="programme-facts">
      <dt>{t('optionsUi.location')}</dt>
      <dd>{p.location}</dd>
      {(p.capacity.places !== undefined || p.capacity.waitingWeeks !== undefined) && (
        <>
          <dt>{t('optionsUi.capacity')}</dt>
          <dd>
            {[p.capacity.places !== undefined ? t('optionsUi.places', { count: p.capacity.places }) : '', p.capacity.waitingWeeks !== undefined ? t('optionsUi.waiting', { count: p.capacity.waitingWeeks }) : '']
              .filter(Boolean)
              .join('; ')}
          </dd>
        </>
      )}
      <dt>{t('optionsUi.cost')}</dt>
      <dd>{p.cost ? t('optionsUi.costAmount', { amount: p.cost.amount, period: t(`programmesUi.${p.cost.period}`) }) : t('optionsUi.free')}</dd>
      {contact && (
        <>
          <dt>{t('optionsUi.contact')}</dt>
          <dd>{contact}</dd>
        </>
      )}
      <dt>{t('optionsUi.languages')}</dt>
      <dd>{p.languages.join(', ')}</dd>
    </dl>
  );
}
