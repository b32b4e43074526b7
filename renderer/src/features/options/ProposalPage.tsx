import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError } from '../../../../main/contract/errors';
import { needs, Proposal, type ConditionCheck, type Need, type MatchingProfile, type MatchItem, type OptionRef, type ProposedCondition } from '../../../../main/contract/options';
import type { ProgrammeRecord } from '../../../../main/contract/optionsApi';
import type { Catalogue } from '../../../../main/domain/options/catalogue';
import { checkConditions } from '../../../../main/domain/options/conditions';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { errorText, issueText } from '../../components/errors';
import { formatTime } from '../../i18n';
import { CaseNav } from '../../components/CaseNav';
import { clearDraft, compiledCatalogue, emptyProposal, newConditionId, readDraft, refKey, writeDraft } from './data';
import { usePageHeading } from './usePageHeading';
import './options.css';

const domId = (s: string) => s.replace(/[^\w-]/g, '-');

/** Drops empty optional parts so the draft is always what the schema would store. */
function withoutEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function ProposalPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [profile, setProfile] = useState<MatchingProfile | null>(null);
  const [language, setLanguage] = useState('en');
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [programmes, setProgrammes] = useState<ProgrammeRecord[]>([]);
  const [items, setItems] = useState<MatchItem[]>([]);
  const [draft, setDraft] = useState<Proposal>(emptyProposal);
  // The latest text, for the copy kept after a save during which the officer went on typing.
  const latestDraft = useRef(draft);
  latestDraft.current = draft;
  const [version, setVersion] = useState(0);
  const versionRef = useRef(0);
  const revision = useRef(0);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [restored, setRestored] = useState(false);
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [submitCount, setSubmitCount] = useState(0);
  const [ack, setAck] = useState<{ checkId: string; text: string; error: boolean } | null>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  // Where keyboard focus goes once the next render has replaced the control that had it.
  const [focusNext, setFocusNext] = useState<string | null>(null);
  useEffect(() => {
    if (!focusNext) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);
  // A failed save is announced and takes focus, so it is not missed below the fold.
  useEffect(() => {
    if (saveError) bannerRef.current?.focus();
  }, [saveError]);

  const load = useCallback(async () => {
    try {
      const [found, prof, progs, compiled, saved, matched] = await Promise.all([
        call('cases.get', { id }),
        call('options.profile', { caseId: id }),
        call('programmes.list', { includeRetired: true }),
        compiledCatalogue(),
        call('proposal.get', { caseId: id }),
        call('options.match', { caseId: id }),
      ]);
      setRecord(found);
      setProfile(prof.profile);
      setLanguage(prof.language);
      setProgrammes(progs);
      setCatalogue(compiled);
      setItems(matched.items);
      setVersion(saved.version);
      versionRef.current = saved.version;
      setSavedAt(saved.updatedAt);
      const local = readDraft(id);
      const server = saved.proposal ?? emptyProposal();
      if (local && JSON.stringify(local.proposal) !== JSON.stringify(server)) {
        setDraft(local.proposal);
        // Ticking options on the options page is not "typing": only say so when text was restored.
        setRestored(JSON.stringify({ ...local.proposal, selected: [] }) !== JSON.stringify({ ...server, selected: [] }));
        setDirty(true);
      } else {
        setDraft(server);
        setDirty(false);
      }
      setLoadError(null);
      setSaveError(null);
    } catch (e) {
      setLoadError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = (change: (d: Proposal) => Proposal) => {
    revision.current += 1;
    setDraft((d) => {
      const next = change(d);
      writeDraft(id, { baseVersion: versionRef.current, proposal: next });
      return next;
    });
    setDirty(true);
  };

  // The same checks main runs on save, run here on every keystroke.
  const report = useMemo(() => {
    if (!profile || !catalogue) return null;
    const typed = { ...draft, conditions: draft.conditions.filter((c) => c.text.trim() !== '') };
    return checkConditions(typed, profile, language, catalogue, programmes);
  }, [draft, profile, catalogue, programmes, language]);

  usePageHeading(record && report ? t('proposalUi.title', { caseNumber: record.details.caseNumber }) : null);
  const names = useMemo(() => new Map(items.map((i) => [refKey(i.ref), i])), [items]);
  const nameOf = (ref: OptionRef) => names.get(refKey(ref))?.name ?? t('proposalUi.unknownOption', { id: ref.id });

  async function save(overVersion?: number) {
    const parsed = Proposal.safeParse(draft);
    if (!parsed.success) {
      const found: SummaryItem[] = [];
      for (const issue of parsed.error.issues) {
        const [head, index, field] = issue.path as Array<string | number>;
        if (head === 'selected') found.push({ target: 'proposal-selected', text: t('proposalUi.errorSelect') });
        else if (head === 'rationale') found.push({ target: 'proposal-rationale', text: t('proposalUi.errorRationale') });
        else if (head === 'conditions' && typeof index === 'number' && field === 'text') found.push({ target: `cond-${domId(draft.conditions[index]!.id)}-text`, text: t('proposalUi.errorConditionText', { n: index + 1 }) });
        else if (head === 'alternatives' && typeof index === 'number' && field === 'reasonSetAside') found.push({ target: `alt-${index}-reason`, text: t('proposalUi.errorAlternativeReason', { n: index + 1 }) });
        else found.push({ target: 'main', text: issue.message });
      }
      setErrors(found.filter((f, i) => found.findIndex((g) => g.target === f.target) === i));
      setSubmitCount((n) => n + 1);
      return;
    }
    setErrors([]);
    setSaving(true);
    const startedAt = revision.current;
    try {
      const out = await call('proposal.save', { caseId: id, version: overVersion ?? versionRef.current, proposal: parsed.data });
      versionRef.current = out.version;
      setVersion(out.version);
      setSavedAt(out.updatedAt);
      setSaveError(null);
      setRestored(false);
      if (revision.current === startedAt) {
        setDirty(false);
        clearDraft(id);
      } else {
        writeDraft(id, { baseVersion: out.version, proposal: latestDraft.current });
      }
    } catch (e) {
      setSaveError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    } finally {
      setSaving(false);
    }
  }

  const setCondition = (index: number, patch: Partial<ProposedCondition>) =>
    update((d) => ({
      ...d,
      conditions: d.conditions.map((c, i) => {
        if (i !== index) return c;
        const next: ProposedCondition = { ...c, ...patch };
        if (!next.endDate) delete next.endDate;
        if (next.link) {
          const link = withoutEmpty(next.link);
          if (Object.keys(link).length === 0) delete next.link;
          else next.link = link;
        }
        if (next.review) {
          const review = withoutEmpty(next.review);
          if (Object.keys(review).length === 0) delete next.review;
          else next.review = review;
        }
        return next;
      }),
    }));

  const recordAck = () => {
    if (!ack) return;
    if (ack.text.trim() === '') {
      setAck({ ...ack, error: true });
      return;
    }
    const { checkId, text } = ack;
    update((d) => ({ ...d, acknowledgements: [...d.acknowledgements.filter((a) => a.checkId !== checkId), { checkId, reason: text.trim() }] }));
    setAck(null);
    setFocusNext(`check-${domId(checkId)}`);
  };
  const withdrawAck = (checkId: string) => {
    update((d) => ({ ...d, acknowledgements: d.acknowledgements.filter((a) => a.checkId !== checkId) }));
    setFocusNext(`check-${domId(checkId)}`);
  };

  if (loadError) {
    return (
      <>
        <h1>{t('errors.title')}</h1>
        <p role="alert">{errorText(t, loadError)}</p>
      </>
    );
  }
  if (!record || !report) return <p role="status">{t('app.loading')}</p>;

  const lang = i18n.language;
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.text;
  const errorLine = (target: string) => {
    const text = errorOf(target);
    return text ? (
      <span className="error-message" id={`${target}-error`}>
        {text}
      </span>
    ) : null;
  };
  const describe = (target: string, ...others: string[]) => [errorOf(target) ? `${target}-error` : '', ...others].filter(Boolean).join(' ') || undefined;
  const recordedNeeds = new Set(profile?.needs.map((n) => n.need));
  const needChoices = [...needs].sort((a, b) => Number(recordedNeeds.has(b)) - Number(recordedNeeds.has(a)));
  const byCondition = (conditionId: string) => report.checks.filter((c) => c.conditionId === conditionId);
  const general = report.checks.filter((c) => c.conditionId === undefined);
  const selectedKeys = new Set(draft.selected.map(refKey));
  const alternativeChoices = items.filter((i) => !selectedKeys.has(refKey(i.ref)));

  const checkList = (checks: ConditionCheck[], label: string, listId: string) => (
    <div aria-live="polite" id={listId}>
      {checks.length === 0 ? (
        <p className="check-ok">{t('proposalUi.noChecks')}</p>
      ) : (
        <ul className="checks" aria-label={label}>
          {checks.map((check) => {
            const cid = `ack-${domId(check.id)}`;
            return (
              <li key={check.id} id={`check-${domId(check.id)}`} tabIndex={-1} className={check.acknowledged ? 'check acknowledged' : 'check'}>
                <p>{issueText(t, check)}</p>
                {check.acknowledged ? (
                  <div className="check-actions">
                    <p>{t('proposalUi.acknowledged', { reason: check.acknowledged.reason })}</p>
                    <button type="button" className="secondary" onClick={() => withdrawAck(check.id)}>
                      {t('proposalUi.withdrawAck')}
                    </button>
                  </div>
                ) : ack?.checkId === check.id ? (
                  <div className="check-actions">
                    <div className={ack.error ? 'field field-error' : 'field'}>
                      <label htmlFor={cid}>{t('proposalUi.ackReason')}</label>
                      {ack.error && (
                        <span className="error-message" id={`${cid}-error`} role="alert">
                          {t('proposalUi.ackRequired')}
                        </span>
                      )}
                      <input
                        id={cid}
                        type="text"
                        value={ack.text}
                        aria-invalid={ack.error || undefined}
                        aria-describedby={ack.error ? `${cid}-error` : undefined}
                        onChange={(e) => setAck({ ...ack, text: e.target.value, error: false })}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            recordAck();
                          }
                        }}
                      />
                    </div>
                    <button type="button" onClick={recordAck}>
                      {t('proposalUi.recordAck')}
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        setAck(null);
                        setFocusNext(`check-${domId(check.id)}`);
                      }}
                    >
                      {t('proposalUi.cancel')}
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      setAck({ checkId: check.id, text: '', error: false });
                      setFocusNext(cid);
                    }}
                  >
                    {t('proposalUi.acknowledge')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );

  return (
    <>
      <h1>{t('proposalUi.title', { caseNumber: record.details.caseNumber })}</h1>
      <CaseNav caseId={id} current="proposal" />
      <p className="save-status" role="status" aria-live="polite">
        {saving ? t('proposalUi.saving') : dirty ? t('proposalUi.unsaved') : savedAt && version > 0 ? t('proposalUi.savedAt', { time: formatTime(savedAt, lang), version }) : ''}
      </p>
      {restored && <p className="banner">{t('proposalUi.restored')}</p>}
      <ErrorSummary items={errors} revision={submitCount} />
      {saveError && (
        <div className="banner banner-error" role="alert" tabIndex={-1} ref={bannerRef}>
          {saveError.code === 'conflict' ? (
            <>
              <p>{t('proposalUi.conflict', { current: saveError.currentVersion ?? 0, yours: version })}</p>
              <button type="button" onClick={() => void save(saveError.currentVersion ?? 0)}>
                {t('proposalUi.useMine', { current: saveError.currentVersion ?? 0 })}
              </button>{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  clearDraft(id);
                  setRestored(false);
                  void load();
                }}
              >
                {t('proposalUi.loadTheirs', { current: saveError.currentVersion ?? 0 })}
              </button>
            </>
          ) : (
            <p>{errorText(t, saveError)}</p>
          )}
        </div>
      )}
      <form
        className="proposal-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section aria-labelledby="proposal-selected-title">
          <h2 id="proposal-selected-title">{t('proposalUi.selected')}</h2>
          <div id="proposal-selected" tabIndex={-1}>
            {errorLine('proposal-selected')}
            {draft.selected.length === 0 ? (
              <p>{t('proposalUi.noneSelected')}</p>
            ) : (
              <ul className="selected-options">
                {draft.selected.map((ref) => (
                  <li key={refKey(ref)}>
                    {nameOf(ref)}
                    {names.get(refKey(ref)) && ` (${t(`status.${names.get(refKey(ref))!.status}`)})`}{' '}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        update((d) => ({ ...d, selected: d.selected.filter((r) => refKey(r) !== refKey(ref)) }));
                        setFocusNext('proposal-selected');
                      }}
                    >
                      {t('proposalUi.remove', { name: nameOf(ref) })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <p>
            <Link href={`/cases/${id}/options`}>{t('proposalUi.chooseOptions')}</Link>
          </p>
        </section>

        <section aria-labelledby="proposal-rationale-title">
          <h2 id="proposal-rationale-title">{t('proposalUi.rationale')}</h2>
          <div className={errors.some((e) => e.target === 'proposal-rationale') ? 'field field-error' : 'field'}>
            <label htmlFor="proposal-rationale">{t('proposalUi.rationaleLabel')}</label>
            <span className="hint" id="proposal-rationale-hint">
              {t('proposalUi.rationaleHint')}
            </span>
            {errorLine('proposal-rationale')}
            <textarea
              id="proposal-rationale"
              rows={5}
              value={draft.rationale}
              aria-required
              aria-describedby={describe('proposal-rationale', 'proposal-rationale-hint')}
              aria-invalid={errors.some((e) => e.target === 'proposal-rationale') || undefined}
              onChange={(e) => {
                const rationale = e.target.value;
                update((d) => ({ ...d, rationale }));
              }}
            />
          </div>
        </section>

        <section aria-labelledby="proposal-conditions-title">
          <h2 id="proposal-conditions-title">{t('proposalUi.conditions')}</h2>
          <p className="hint">{t('proposalUi.conditionsHint')}</p>
          <p role="status">{t('proposalUi.openChecks', { count: report.open })}</p>
          {draft.conditions.map((c, i) => {
            const n = i + 1;
            const base = `cond-${domId(c.id)}`;
            const invalid = errors.some((e) => e.target === `${base}-text`);
            return (
              <fieldset key={c.id} className="condition">
                <legend>{t('proposalUi.condition', { n })}</legend>
                <div className={invalid ? 'field field-error' : 'field'}>
                  <label htmlFor={`${base}-text`}>{t('proposalUi.conditionText', { n })}</label>
                  {errorLine(`${base}-text`)}
                  <textarea
                    id={`${base}-text`}
                    rows={3}
                    value={c.text}
                    aria-required
                    aria-invalid={invalid || undefined}
                    aria-describedby={describe(`${base}-text`, c.text.trim() !== '' ? `${base}-checks` : '')}
                    onChange={(e) => setCondition(i, { text: e.target.value })}
                  />
                </div>
                <details open={Boolean(c.link || c.endDate || c.review)}>
                  <summary>{t('proposalUi.structured', { n })}</summary>
                  <div className="inline-fields">
                    <div className="field">
                      <label htmlFor={`${base}-need`}>{t('proposalUi.linkNeed')}</label>
                      <select id={`${base}-need`} value={c.link?.need ?? ''} onChange={(e) => setCondition(i, { link: { ...c.link, need: (e.target.value || undefined) as Need | undefined } })}>
                        <option value="">{t('proposalUi.noNeed')}</option>
                        {needChoices.map((need) => (
                          <option key={need} value={need}>
                            {t(`need.${need}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`${base}-risk`}>{t('proposalUi.linkRisk')}</label>
                      <input id={`${base}-risk`} type="text" value={c.link?.risk ?? ''} onChange={(e) => setCondition(i, { link: { ...c.link, risk: e.target.value || undefined } })} />
                    </div>
                    <div className="field">
                      <label htmlFor={`${base}-end`}>{t('proposalUi.endDate')}</label>
                      <input id={`${base}-end`} type="date" value={c.endDate ?? ''} onChange={(e) => setCondition(i, { endDate: e.target.value || undefined })} />
                    </div>
                    <div className="field">
                      <label htmlFor={`${base}-review`}>{t('proposalUi.reviewDate')}</label>
                      <input id={`${base}-review`} type="date" value={c.review?.date ?? ''} onChange={(e) => setCondition(i, { review: { ...c.review, date: e.target.value || undefined } })} />
                    </div>
                  </div>
                </details>
                {c.text.trim() !== '' && checkList(byCondition(c.id), t('proposalUi.checksFor', { n }), `${base}-checks`)}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    update((d) => ({ ...d, conditions: d.conditions.filter((x) => x.id !== c.id), acknowledgements: d.acknowledgements.filter((a) => !new RegExp(`:${c.id}(:|$)`).test(a.checkId)) }));
                    setFocusNext('add-condition');
                  }}
                >
                  {t('proposalUi.removeCondition', { n })}
                </button>
              </fieldset>
            );
          })}
          <button
            id="add-condition"
            type="button"
            className="secondary"
            onClick={() => {
              const cid = newConditionId(draft.conditions);
              update((d) => ({ ...d, conditions: [...d.conditions, { id: cid, text: '' }] }));
              setFocusNext(`cond-${domId(cid)}-text`);
            }}
          >
            {t('proposalUi.addCondition')}
          </button>
          <h3>{t('proposalUi.proposalChecks')}</h3>
          {checkList(general, t('proposalUi.proposalChecks'), 'proposal-checks')}
          {report.staleAcknowledgements.length > 0 && (
            <>
              <h3>{t('proposalUi.staleAcks')}</h3>
              <ul>
                {report.staleAcknowledgements.map((a) => (
                  <li key={a.checkId}>
                    {a.reason}{' '}
                    <button type="button" className="secondary" onClick={() => withdrawAck(a.checkId)}>
                      {t('proposalUi.withdrawAck')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section aria-labelledby="proposal-alternatives-title">
          <h2 id="proposal-alternatives-title">{t('proposalUi.alternatives')}</h2>
          <p className="hint">{t('proposalUi.alternativesHint')}</p>
          {draft.alternatives.map((a, i) => {
            const n = i + 1;
            const invalid = errors.some((e) => e.target === `alt-${i}-reason`);
            const setAlt = (patch: Partial<Proposal['alternatives'][number]>) =>
              update((d) => ({
                ...d,
                alternatives: d.alternatives.map((x, j) => {
                  if (j !== i) return x;
                  const next = { ...x, ...patch };
                  if (!next.ref) delete next.ref;
                  if (!next.description) delete next.description;
                  return next;
                }),
              }));
            return (
              <fieldset key={i} className="condition">
                <legend>{t('proposalUi.alternative', { n })}</legend>
                <div className="field">
                  <label htmlFor={`alt-${i}-option`}>{t('proposalUi.alternativeOption', { n })}</label>
                  <select
                    id={`alt-${i}-option`}
                    value={a.ref ? refKey(a.ref) : ''}
                    onChange={(e) => {
                      const item = items.find((x) => refKey(x.ref) === e.target.value);
                      setAlt({ ref: item?.ref });
                    }}
                  >
                    <option value="">{t('proposalUi.alternativeOther')}</option>
                    {[...(a.ref && !alternativeChoices.some((x) => refKey(x.ref) === refKey(a.ref!)) ? items.filter((x) => refKey(x.ref) === refKey(a.ref!)) : []), ...alternativeChoices].map((x) => (
                      <option key={refKey(x.ref)} value={refKey(x.ref)}>
                        {x.name}
                      </option>
                    ))}
                  </select>
                </div>
                {!a.ref && (
                  <div className="field">
                    <label htmlFor={`alt-${i}-description`}>{t('proposalUi.alternativeDescription', { n })}</label>
                    <input id={`alt-${i}-description`} type="text" value={a.description ?? ''} onChange={(e) => setAlt({ description: e.target.value })} />
                  </div>
                )}
                <div className={invalid ? 'field field-error' : 'field'}>
                  <label htmlFor={`alt-${i}-reason`}>{t('proposalUi.alternativeReason', { n })}</label>
                  {errorLine(`alt-${i}-reason`)}
                  <textarea id={`alt-${i}-reason`} rows={2} value={a.reasonSetAside} aria-required aria-invalid={invalid || undefined} aria-describedby={describe(`alt-${i}-reason`)} onChange={(e) => setAlt({ reasonSetAside: e.target.value })} />
                </div>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    update((d) => ({ ...d, alternatives: d.alternatives.filter((_, j) => j !== i) }));
                    setFocusNext('add-alternative');
                  }}
                >
                  {t('proposalUi.removeAlternative', { n })}
                </button>
              </fieldset>
            );
          })}
          <button
            id="add-alternative"
            type="button"
            className="secondary"
            onClick={() => {
              update((d) => ({ ...d, alternatives: [...d.alternatives, { reasonSetAside: '' }] }));
              setFocusNext(`alt-${draft.alternatives.length}-option`);
            }}
          >
            {t('proposalUi.addAlternative')}
          </button>
        </section>

        <div className="form-actions">
          <button type="submit" disabled={saving}>
            {t('proposalUi.save')}
          </button>
        </div>
      </form>
    </>
  );
}
