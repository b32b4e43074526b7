import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, ApiIssue } from '../../../../main/contract/errors';
import { consentKinds, needs, offenceCategories, riskLevels, type ProgrammeDetails } from '../../../../main/contract/options';
import type { ProgrammeRecord } from '../../../../main/contract/optionsApi';
import type { Catalogue } from '../../../../main/domain/options/catalogue';
import { programmeIssues } from '../../../../main/domain/options/programmeRules';
import { ApiCallError, call } from '../../api/client';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { errorText, issueText } from '../../components/errors';
import { compiledCatalogue } from './data';
import { usePageHeading } from './usePageHeading';
import './options.css';

// Local programmes: create, edit, retire, import and export. The server checks every
// rule again; its problems come back with JSON paths, shown next to the fields they name.

interface FormState {
  /** A programme's own rules (set in a programmes file) are kept as they are; the page does not edit them. */
  rules?: ProgrammeDetails['eligibility']['rules'];
  name: string;
  provider: string;
  kind: string;
  needs: string[];
  minAge: string;
  maxAge: string;
  genderSpecific: '' | 'women' | 'men';
  youngAdultOnly: boolean;
  excludedOffences: string[];
  consentRequired: string[];
  riskLevels: string[];
  location: string;
  places: string;
  waitingWeeks: string;
  costAmount: string;
  costPeriod: 'once' | 'weekly' | 'monthly';
  contactName: string;
  phone: string;
  email: string;
  address: string;
  languages: string;
}

const blank: FormState = {
  name: '', provider: '', kind: '', needs: [], minAge: '', maxAge: '', genderSpecific: '', youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [],
  location: '', places: '', waitingWeeks: '', costAmount: '', costPeriod: 'once', contactName: '', phone: '', email: '', address: '', languages: 'en',
};

function toForm(p: ProgrammeRecord): FormState {
  const e = p.eligibility;
  return {
    ...(e.rules ? { rules: e.rules } : {}),
    name: p.name, provider: p.provider, kind: p.kind, needs: [...p.needs], minAge: e.minAge?.toString() ?? '', maxAge: e.maxAge?.toString() ?? '', genderSpecific: e.genderSpecific ?? '',
    youngAdultOnly: e.youngAdultOnly, excludedOffences: [...e.excludedOffences], consentRequired: [...e.consentRequired], riskLevels: [...e.riskLevels], location: p.location,
    places: p.capacity.places?.toString() ?? '', waitingWeeks: p.capacity.waitingWeeks?.toString() ?? '', costAmount: p.cost?.amount.toString() ?? '', costPeriod: p.cost?.period ?? 'once',
    contactName: p.contact.name ?? '', phone: p.contact.phone ?? '', email: p.contact.email ?? '', address: p.contact.address ?? '', languages: p.languages.join(', '),
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function toDetails(f: FormState, retired: boolean): ProgrammeDetails {
  return {
    name: f.name.trim(),
    provider: f.provider.trim(),
    kind: f.kind,
    needs: f.needs as ProgrammeDetails['needs'],
    eligibility: strip({
      minAge: num(f.minAge),
      maxAge: num(f.maxAge),
      genderSpecific: f.genderSpecific || undefined,
      youngAdultOnly: f.youngAdultOnly,
      excludedOffences: f.excludedOffences as ProgrammeDetails['eligibility']['excludedOffences'],
      consentRequired: f.consentRequired as ProgrammeDetails['eligibility']['consentRequired'],
      riskLevels: f.riskLevels as ProgrammeDetails['eligibility']['riskLevels'],
      rules: f.rules,
    }),
    location: f.location.trim(),
    capacity: strip({ places: num(f.places), waitingWeeks: num(f.waitingWeeks) }),
    ...(num(f.costAmount) !== undefined ? { cost: { amount: num(f.costAmount)!, period: f.costPeriod } } : {}),
    contact: strip({ name: opt(f.contactName), phone: opt(f.phone), email: opt(f.email), address: opt(f.address) }),
    languages: f.languages.split(',').map((l) => l.trim()).filter(Boolean),
    retired,
  };
}

/** $.details.eligibility.minAge -> the id of the control that edits it. */
function targetOf(path: string): string {
  const rest = path.replace(/^\$\.(details|programmes\[\d+\])\.?/, '');
  const map: Record<string, string> = {
    'eligibility.minAge': 'minAge', 'eligibility.maxAge': 'maxAge', 'capacity.places': 'places', 'capacity.waitingWeeks': 'waitingWeeks', 'cost.amount': 'costAmount',
    'contact.name': 'contactName', 'contact.phone': 'phone', 'contact.email': 'email', 'contact.address': 'address',
  };
  const key = map[rest] ?? rest.split('.')[0]!.replace(/\[\d+\]$/, '');
  return `prog-${key || 'name'}`;
}

export function ProgrammesPage() {
  const { t } = useTranslation();
  const [list, setList] = useState<ProgrammeRecord[] | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<ProgrammeRecord | null>(null);
  const [form, setForm] = useState<FormState>(blank);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string; issues?: ApiIssue[] } | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [exportUrl, setExportUrl] = useState<string | null>(null);

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
  useEffect(() => () => {
    if (exportUrl) URL.revokeObjectURL(exportUrl);
  }, [exportUrl]);

  usePageHeading(list ? t('programmesUi.title') : null);
  const kinds = useMemo(() => (catalogue ? [...catalogue.options].map((o) => ({ kind: o.option.kind, name: o.option.wording.en!.name })).sort((a, b) => a.name.localeCompare(b.name)) : []), [catalogue]);

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

  const exportAll = async () => {
    const file = await call('programmes.export', { includeRetired: true });
    if (exportUrl) URL.revokeObjectURL(exportUrl);
    setExportUrl(URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' })));
  };

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
      {list.length === 0 ? (
        <p>{t('programmesUi.none')}</p>
      ) : (
        <table className="programme-table">
          <thead>
            <tr>
              <th scope="col">{t('programmesUi.name')}</th>
              <th scope="col">{t('programmesUi.provider')}</th>
              <th scope="col">{t('programmesUi.kind')}</th>
              <th scope="col">{t('programmesUi.location')}</th>
              <th scope="col">{t('programmesUi.status')}</th>
              <th scope="col">{t('programmesUi.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{p.provider}</td>
                <td>{kinds.find((k) => k.kind === p.kind)?.name ?? p.kind}</td>
                <td>{p.location}</td>
                <td>{p.retired ? t('programmesUi.retired') : t('programmesUi.active')}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      setEditing(p);
                      setForm(toForm(p));
                      setIssues([]);
                      document.getElementById('prog-form-title')?.focus();
                    }}
                  >
                    {t('programmesUi.edit', { name: p.name })}
                  </button>
                  {!p.retired && (
                    <button type="button" className="secondary" onClick={() => void retire(p)}>
                      {t('programmesUi.retire', { name: p.name })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="prog-form-title" tabIndex={-1}>
        {editing ? t('programmesUi.editTitle', { name: editing.name }) : t('programmesUi.newTitle')}
      </h2>
      <ErrorSummary items={summary} revision={submitCount} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
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
              onClick={() => {
                setEditing(null);
                setForm(blank);
                setIssues([]);
              }}
            >
              {t('programmesUi.cancel')}
            </button>
          )}
        </div>
      </form>

      <h2>{t('programmesUi.importTitle')}</h2>
      <div className="field">
        <label htmlFor="prog-import">{t('programmesUi.importFile')}</label>
        <input
          id="prog-import"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
        />
      </div>
      <p>
        <button type="button" className="secondary" onClick={() => void exportAll()}>
          {t('programmesUi.export')}
        </button>{' '}
        {exportUrl && (
          <a href={exportUrl} download="programmes.json">
            {t('programmesUi.exportReady')}
          </a>
        )}
      </p>
    </>
  );
}
