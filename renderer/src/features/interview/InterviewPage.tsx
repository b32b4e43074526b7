import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Output } from '../../../../main/contract/api';
import type { CaseRecord } from '../../../../main/contract/case';
import type { ApiError, ApiIssue } from '../../../../main/contract/errors';
import type { FormDefinition } from '../../../../main/contract/form';
import type { Interview } from '../../../../main/contract/interview';
import type { RuleFacts } from '../../../../main/domain/rules';
import { ApiCallError, call } from '../../api/client';
import { CaseNav } from '../../components/CaseNav';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { errorText, issueText } from '../../components/errors';
import { formatTime } from '../../i18n';
import { clearUnsaved, readUnsaved, useAutosave, type AutosaveStatus } from './autosave';
import { evaluate, type Evaluated } from './evaluation';
import { controlId, localize, locatePath, toInterview, toUiValues, type UiValues } from './model';
import { SectionNav } from './SectionNav';
import { SectionView } from './SectionView';

type Opened = Output<'interview.open'>;

const sectionKey = (caseId: string) => `psr.interview.section.${caseId}`;
const EVALUATE_MS = 120;
const SUMMARY_LIMIT = 8;

export function InterviewPage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    const toError = (e: unknown): ApiError => (e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    call('cases.get', { id: caseId })
      .then((found) => {
        if (live) setRecord(found);
        return call('interview.open', { caseId });
      })
      .then((o) => live && setOpened(o))
      .catch((e: unknown) => live && setError(toError(e)));
    return () => {
      live = false;
    };
  }, [caseId]);

  const name = record ? `${record.details.person.givenNames} ${record.details.person.familyName}` : '';
  if (error) {
    return (
      <>
        <h1>{record ? t('interview.title', { name, caseNumber: record.details.caseNumber }) : t('interview.titlePlain')}</h1>
        {error.code === 'out_of_scope' ? (
          <div className="banner banner-error out-of-scope" role="alert">
            <h2>{t('interview.childJusticeTitle')}</h2>
            <p>{errorText(t, error)}</p>
          </div>
        ) : (
          <p role="alert">{error.code === 'not_found' ? t('errors.notFound') : errorText(t, error)}</p>
        )}
        <p>
          <Link href={`/cases/${caseId}`}>{t('interview.backToCase')}</Link>
        </p>
      </>
    );
  }
  if (!opened || !record) return <p role="status">{t('app.loading')}</p>;
  return <InterviewEditor opened={opened} record={record} />;
}

function statusText(t: ReturnType<typeof useTranslation>['t'], status: AutosaveStatus, language: string): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'dirty':
      return t('interview.status.dirty');
    case 'saving':
      return t('interview.status.saving');
    case 'saved':
      return t('interview.status.saved', { time: formatTime(status.at, language) });
    case 'offline':
      return t('interview.status.offline');
    case 'conflict':
      return t('interview.status.conflict');
    case 'error':
      return t('interview.status.error', { message: errorText(t, status.error) });
  }
}

function InterviewEditor({ opened, record }: { opened: Opened; record: CaseRecord }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const caseId = opened.caseId;
  const definition: FormDefinition = opened.form;
  const facts: RuleFacts = opened.facts;

  // Answers this tab typed but the store never acknowledged (a crash, a reload, a lost connection)
  // come back first; saving them over an older version than the store's raises the conflict choice.
  const [start] = useState(() => {
    const unsaved = readUnsaved(caseId);
    const restored = unsaved !== null && unsaved.interview.formId === definition.id && JSON.stringify(unsaved.interview.answers) !== JSON.stringify(opened.interview.answers);
    // A copy the store already holds (the last save on closing got through) is acknowledged now, so
    // it can never come back later as a false conflict.
    if (unsaved && !restored) clearUnsaved(caseId);
    return restored ? { interview: unsaved.interview, version: unsaved.baseVersion, restored } : { interview: opened.interview, version: opened.version, restored: false };
  });

  const form = useForm<UiValues>({ defaultValues: toUiValues(definition, start.interview), shouldUnregister: false });
  const getInterview = useCallback((): Interview => toInterview(definition, form.getValues()), [definition, form]);
  const [completeStatus, setCompleteStatus] = useState(opened.status);
  const autosave = useAutosave(caseId, start.version, getInterview, (result) => setCompleteStatus(result.status));
  const { changed, flush } = autosave;

  const [evaluated, setEvaluated] = useState<Evaluated>(() => evaluate(definition, start.interview, facts));
  const evalTimer = useRef<number | undefined>(undefined);
  // Bumped when the answers are replaced wholesale (their version reloaded): the section remounts.
  const [resetCount, setResetCount] = useState(0);
  const reevaluate = useCallback(() => {
    window.clearTimeout(evalTimer.current);
    evalTimer.current = window.setTimeout(() => setEvaluated(evaluate(definition, getInterview(), facts)), EVALUATE_MS);
  }, [definition, facts, getInterview]);

  // Every change: autosave timers and a debounced evaluation. The form element hears every input
  // and change event as it bubbles; this costs nothing per keystroke, where a react-hook-form values
  // subscription would copy all answers on every one. Nothing here re-renders the form.
  const formRef = useRef<HTMLFormElement>(null);
  const onAnyChange = useCallback(() => {
    changed();
    reevaluate();
  }, [changed, reevaluate]);
  useEffect(() => {
    const el = formRef.current;
    if (!el) return;
    el.addEventListener('input', onAnyChange);
    el.addEventListener('change', onAnyChange);
    return () => {
      el.removeEventListener('input', onAnyChange);
      el.removeEventListener('change', onAnyChange);
      window.clearTimeout(evalTimer.current);
    };
  }, [onAnyChange]);

  const [restoredNotice, setRestoredNotice] = useState(start.restored);
  useEffect(() => {
    if (!start.restored) return;
    changed();
    void flush();
  }, [start.restored, changed, flush]);

  const visibleSections = definition.sections;
  const [sectionId, setSectionId] = useState<string>(() => {
    const stored = sessionStorage.getItem(sectionKey(caseId));
    return stored && definition.sections.some((s) => s.id === stored) ? stored : (definition.sections[0]?.id ?? '');
  });
  const [focusRequest, setFocusRequest] = useState<{ seq: number; target: string | null }>({ seq: 0, target: null });
  const headingRef = useRef<HTMLHeadingElement>(null);

  const goTo = useCallback(
    (next: string, target: string | null = null) => {
      void flush();
      sessionStorage.setItem(sectionKey(caseId), next);
      setSectionId(next);
      setFocusRequest((r) => ({ seq: r.seq + 1, target }));
    },
    [caseId, flush],
  );

  useEffect(() => {
    if (focusRequest.seq === 0) return;
    const target = focusRequest.target;
    const found = target ? (document.getElementById(target) ?? document.getElementById(`${target}-add`)) : null;
    if (found) {
      found.focus();
      found.scrollIntoView({ block: 'center' });
    } else {
      headingRef.current?.focus();
      window.scrollTo({ top: 0 });
    }
  }, [focusRequest]);

  const [showMissing, setShowMissing] = useState(false);
  const [summary, setSummary] = useState<{ items: SummaryItem[]; revision: number }>({ items: [], revision: 0 });
  const summaryTargets = useRef(new Map<string, string>());
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [completing, setCompleting] = useState(false);

  const toSummary = useCallback(
    (issues: ApiIssue[]): SummaryItem[] => {
      summaryTargets.current.clear();
      const items = issues.map((issue): SummaryItem => {
        const at = locatePath(definition, issue.path);
        const target = at ? controlId(at.field.id, at.row, at.subFieldId) : 'interview-sections';
        if (at) summaryTargets.current.set(target, at.sectionId);
        const text = issueText(t, issue.key === 'validation.required' ? { ...issue, key: 'interview.required' } : issue);
        if (!at || issue.key === 'forms.participationFirst') return { target, text };
        const sub = at.field.kind === 'repeatable_group' && at.subFieldId ? at.field.fields.find((f) => f.id === at.subFieldId) : undefined;
        const where =
          at.field.kind === 'repeatable_group' && at.row !== undefined
            ? t('interview.rowQuestion', { item: localize(at.field.itemLabel, lang), n: at.row + 1, question: sub ? localize(sub.label, lang) : '' })
            : localize(at.field.label, lang);
        return { target, text: t('interview.summaryItem', { where, problem: text }) };
      });
      // A long list helps nobody: the first problems, then the section list shows the rest.
      if (items.length <= SUMMARY_LIMIT) return items;
      return [...items.slice(0, SUMMARY_LIMIT), { target: 'interview-sections', text: t('interview.summaryMore', { count: items.length - SUMMARY_LIMIT }) }];
    },
    [definition, t, lang],
  );

  const markComplete = async () => {
    setActionError(null);
    setCompleting(true);
    try {
      await flush();
      if (autosave.inConflict()) return;
      const result = await call('interview.complete', { caseId, version: autosave.version() });
      setCompleteStatus(result.status);
      setSummary((s) => ({ items: [], revision: s.revision + 1 }));
      setShowMissing(false);
    } catch (e) {
      const err: ApiError = e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) };
      if (err.code === 'refused' && err.issues) {
        setShowMissing(true);
        setSummary((s) => ({ items: toSummary(err.issues ?? []), revision: s.revision + 1 }));
      } else {
        setActionError(err);
      }
    } finally {
      setCompleting(false);
    }
  };

  const reloadTheirs = async () => {
    try {
      const latest = await call('interview.open', { caseId });
      form.reset(toUiValues(definition, latest.interview));
      setResetCount((n) => n + 1);
      autosave.acknowledge(latest.version, latest.updatedAt);
      setCompleteStatus(latest.status);
      setEvaluated(evaluate(definition, latest.interview, facts));
      setFocusRequest((r) => ({ seq: r.seq + 1, target: null }));
    } catch (e) {
      setActionError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    }
  };

  const section = definition.sections.find((s) => s.id === sectionId) ?? definition.sections[0]!;
  const sectionIndex = definition.sections.indexOf(section);
  const sectionEval = evaluated.evaluation.sections[sectionIndex]!;
  const sectionProgress = evaluated.progress.sections[sectionIndex]!;
  const previous = definition.sections[sectionIndex - 1];
  const next = definition.sections[sectionIndex + 1];
  const name = `${record.details.person.givenNames} ${record.details.person.familyName}`;
  const status = autosave.status;

  const goToFirstMissing = useMemo(() => {
    const first = evaluated.progress.firstMissing;
    if (!first) return null;
    return () => goTo(first.sectionId, controlId(first.fieldId, first.row, first.subFieldId));
  }, [evaluated.progress.firstMissing, goTo]);

  return (
    <FormProvider {...form}>
      <div className="interview-head">
        <h1>{t('interview.title', { name, caseNumber: record.details.caseNumber })}</h1>
        <CaseNav caseId={caseId} current="interview" />
        <p className="muted">
          {localize(definition.title, lang)} · <Link href={`/cases/${caseId}`}>{t('interview.backToCase')}</Link>
        </p>
        <p className={`save-status save-${status.kind}`} role="status" aria-live="polite" data-testid="save-status">
          {statusText(t, status, lang)}
        </p>
      </div>
      {facts.stage === 'pre_trial' && (
        <div className="banner pre-trial-note">
          <p>{t('interview.preTrialNote')}</p>
        </div>
      )}
      {restoredNotice && (
        <div className="banner" role="status">
          <p>{t('interview.restored')}</p>
          <button type="button" className="secondary small" onClick={() => setRestoredNotice(false)}>
            {t('interview.dismiss')}
          </button>
        </div>
      )}
      {status.kind === 'conflict' && (
        <div className="banner banner-error conflict" role="alert" aria-labelledby="conflict-title">
          <h2 id="conflict-title">{t('interview.conflict.title')}</h2>
          <p>{t('interview.conflict.body', { current: status.currentVersion })}</p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => void reloadTheirs()}>
              {t('interview.conflict.reloadTheirs')}
            </button>
            <button type="button" onClick={() => void autosave.keepMine(status.currentVersion)}>
              {t('interview.conflict.keepMine')}
            </button>
          </div>
        </div>
      )}
      {status.kind === 'error' && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, status.error)}</p>
          <p>{t('interview.keptHere')}</p>
        </div>
      )}
      {actionError && (
        <div className="banner banner-error" role="alert">
          <p>{errorText(t, actionError)}</p>
        </div>
      )}
      <ErrorSummary
        items={summary.items}
        revision={summary.revision}
        onSelect={(target) => {
          const owner = summaryTargets.current.get(target);
          if (owner) goTo(owner, target);
          else document.getElementById(target)?.focus();
        }}
      />
      {completeStatus === 'complete' && (
        <div className="banner banner-done" role="status">
          <p>{t('interview.completeDone')}</p>
        </div>
      )}
      <div className="interview-layout">
        <SectionNav form={definition} progress={evaluated.progress} current={section.id} onSelect={(id) => goTo(id)} onFirstMissing={goToFirstMissing} sections={visibleSections} />
        <form className="interview-section" ref={formRef} noValidate onSubmit={(e) => e.preventDefault()} aria-labelledby="section-heading">
          <h2 id="section-heading" tabIndex={-1} ref={headingRef}>
            {localize(section.title, lang)}
          </h2>
          <p className="muted section-meta">
            {t('interview.sectionOf', { n: sectionIndex + 1, total: definition.sections.length })} · {t(`forms.status.${sectionProgress.status}`)}
          </p>
          {/* One polite announcement per section when answers need correcting, rather than one per field. */}
          <p className="visually-hidden" role="status" aria-live="polite">
            {sectionProgress.invalid > 0 ? t('interview.sectionProblems', { count: sectionProgress.invalid }) : ''}
          </p>
          <SectionView key={`${section.id}:${resetCount}`} section={section} evaluation={sectionEval} facts={facts} showMissing={showMissing} onRowsChanged={onAnyChange} />
          <div className="section-actions">
            {previous && (
              <button type="button" className="secondary" onClick={() => goTo(previous.id)}>
                {t('interview.previous', { title: localize(previous.title, lang) })}
              </button>
            )}
            {next && (
              <button type="button" onClick={() => goTo(next.id)}>
                {t('interview.next', { title: localize(next.title, lang) })}
              </button>
            )}
          </div>
        </form>
      </div>
      <div className="complete-area">
        <h2>{t('interview.completeTitle')}</h2>
        <p className="muted">{t('interview.completeHint')}</p>
        <button type="button" onClick={() => void markComplete()} disabled={completing}>
          {t('interview.markComplete')}
        </button>
      </div>
    </FormProvider>
  );
}
