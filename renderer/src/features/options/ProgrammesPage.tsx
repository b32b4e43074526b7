import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, ApiIssue } from '../../../../main/contract/errors';
import type { ProgrammeRecord } from '../../../../main/contract/optionsApi';
import type { Catalogue } from '../../../../main/domain/options/catalogue';
import { programmeIssues } from '../../../../main/domain/options/programmeRules';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { errorText, issueText } from '../../components/errors';
import { compiledCatalogue } from './data';
import { blank, targetOf, toDetails, toForm, type FormState } from './programmeForm';
import { ProgrammeForm } from './ProgrammeForm';
import { ProgrammeTable } from './ProgrammeTable';
import { ProgrammeTransfer } from './ProgrammeTransfer';
import { usePageHeading } from './usePageHeading';
import './options.css';

// Local programmes: create, edit, retire, import and export. The server checks every
// rule again; its problems come back with JSON paths, shown next to the fields they name.

export function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<ProgrammeRecord[] | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<ProgrammeRecord | null>(null);
  const [form, setForm] = useState<FormState>(blank);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string; issues?: ApiIssue[] } | null>(null);
  const [submitCount, setSubmitCount] = useState(0);

  const load = useCallback(async () => {
    try {
      const [programmes, compiled] = await Promise.all([call('programmes.list', { includeRetired: true }), compiledCatalogue()]);
      setList(programmes);
      setCatalogue(compiled);
    } catch (e) {
      setLoadError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  usePageHeading(list ? t('programmesUi.title') : null);
  const kinds = useMemo(
    () =>
      catalogue
        ? [...catalogue.options]
            .map((o) => ({ kind: o.option.kind, name: (o.option.wording[i18n.language] ?? o.option.wording.en!).name }))
            .sort((a, b) => a.name.localeCompare(b.name, i18n.language))
        : [],
    [catalogue, i18n.language],
  );

  if (loadError) {
    return (
      <>
        <h1>{t('errors.title')}</h1>
        <p role="alert">{errorText(t, loadError)}</p>
      </>
    );
  }
  if (!list) return <p role="status">{t('app.loading')}</p>;

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  // The domain's programme checks as the officer types (the server runs the same ones); a kind not yet chosen is left to Save.
  const typed = catalogue ? programmeIssues(toDetails(form, editing?.retired ?? false), catalogue).filter((i) => form.kind !== '' || !i.path.endsWith('.kind')) : [];
  const errorFor = (id: string) => issues.find((i) => targetOf(i.path) === id) ?? typed.find((i) => targetOf(i.path) === id);
  const labels: Record<string, string> = {
    'prog-name': t('programmesUi.name'), 'prog-provider': t('programmesUi.provider'), 'prog-kind': t('programmesUi.kind'), 'prog-needs': t('programmesUi.needs'),
    'prog-minAge': t('programmesUi.minAge'), 'prog-maxAge': t('programmesUi.maxAge'), 'prog-location': t('programmesUi.location'), 'prog-places': t('programmesUi.places'),
    'prog-waitingWeeks': t('programmesUi.waitingWeeks'), 'prog-costAmount': t('programmesUi.costAmount'), 'prog-email': t('programmesUi.email'), 'prog-phone': t('programmesUi.phone'),
    'prog-contactName': t('programmesUi.contactName'), 'prog-address': t('programmesUi.address'), 'prog-languages': t('programmesUi.languages'),
  };
  // Each problem names its field, so the summary reads on its own.
  const summary: SummaryItem[] = issues.map((i) => {
    const target = targetOf(i.path);
    return { target, text: labels[target] ? `${labels[target]}: ${issueText(t, i)}` : issueText(t, i) };
  });

  const submit = async () => {
    setBanner(null);
    // Checked here first for the fields the officer must fill; the server checks everything again.
    const local: ApiIssue[] = [];
    for (const key of ['name', 'provider', 'kind', 'location', 'languages'] as const) if (form[key].trim() === '') local.push({ path: `$.details.${key}`, message: t('programmesUi.required') });
    for (const key of ['minAge', 'maxAge', 'places', 'waitingWeeks'] as const) if (form[key].trim() !== '' && !Number.isInteger(Number(form[key]))) local.push({ path: `$.details.${key === 'minAge' || key === 'maxAge' ? 'eligibility' : 'capacity'}.${key}`, message: t('programmesUi.notANumber') });
    local.push(...typed);
    if (local.length) {
      setIssues(local);
      setSubmitCount((n) => n + 1);
      return;
    }
    try {
      const details = toDetails(form, editing?.retired ?? false);
      const saved = editing ? await call('programmes.update', { id: editing.id, version: editing.version, details }) : await call('programmes.create', { details });
      setIssues([]);
      setEditing(null);
      setForm(blank);
      setBanner({ kind: 'ok', text: t('programmesUi.saved', { name: saved.name }) });
      await load();
    } catch (e) {
      const error: ApiError = e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) };
      if (error.code === 'invalid_input' && error.issues) {
        setIssues(error.issues);
        setSubmitCount((n) => n + 1);
      } else setBanner({ kind: 'error', text: errorText(t, error) });
    }
  };

  const retire = async (p: ProgrammeRecord) => {
    try {
      const done = await call('programmes.retire', { id: p.id, version: p.version });
      setBanner({ kind: 'ok', text: t('programmesUi.retiredDone', { name: done.name }) });
      await load();
    } catch (e) {
      setBanner({ kind: 'error', text: errorText(t, e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) }) });
    }
  };

  const importFile = async (file: File) => {
    setBanner(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (e) {
      setBanner({ kind: 'error', text: t('programmesUi.notJson', { message: (e as Error).message }) });
      return;
    }
    try {
      const result = await call('programmes.import', { file: parsed });
      setBanner({ kind: 'ok', text: t('programmesUi.imported', result) });
      await load();
    } catch (e) {
      const error: ApiError = e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) };
      setBanner(error.issues ? { kind: 'error', text: t('programmesUi.importProblems', { count: error.issues.length }), issues: error.issues } : { kind: 'error', text: errorText(t, error) });
    }
  };

  return (
    <>
      <h1>{t('programmesUi.title')}</h1>
      <p>{t('programmesUi.intro')}</p>
      {banner && (
        <div className={banner.kind === 'error' ? 'banner banner-error' : 'banner'} role={banner.kind === 'error' ? 'alert' : 'status'}>
          <p>{banner.text}</p>
          {banner.issues && (
            <ul className="issue-list">
              {banner.issues.map((i) => (
                <li key={i.path + i.message}>
                  <code>{i.path}</code>: {issueText(t, i)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h2>{t('programmesUi.listTitle')}</h2>
      <ProgrammeTable
        list={list}
        kindName={(kind) => kinds.find((k) => k.kind === kind)?.name ?? kind}
        onEdit={(p) => {
          setEditing(p);
          setForm(toForm(p));
          setIssues([]);
          document.getElementById('prog-form-title')?.focus();
        }}
        onRetire={(p) => void retire(p)}
      />

      <h2 id="prog-form-title" tabIndex={-1}>
        {editing ? t('programmesUi.editTitle', { name: editing.name }) : t('programmesUi.newTitle')}
      </h2>
      <ErrorSummary items={summary} revision={submitCount} />
      <ProgrammeForm
        form={form}
        set={set}
        errorFor={errorFor}
        kinds={kinds}
        editing={editing !== null}
        onSubmit={() => void submit()}
        onCancel={() => {
          setEditing(null);
          setForm(blank);
          setIssues([]);
        }}
      />

      <ProgrammeTransfer onImport={(file) => void importFile(file)} />
    </>
  );
}
