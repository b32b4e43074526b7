import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../main/contract/errors';
import type { LifecycleAction, ReportLife, ReviewComment } from '../../../../main/contract/lifecycle';
import { call } from '../../api/client';
import { errorText } from '../../components/errors';
import { formatDate } from '../../i18n';
import { asApiError, useActingPerson } from '../cases/transfer';

// The report's life on the Report page (docs/DOMAIN.md, a report's life): where the version
// stands, the steps the acting person may take, and the review comments by section. The core
// decides who may take each step (report.life lists them); this shows only those, and a refusal
// from the core is shown as it says.

interface Section {
  id: string;
  title: string;
}

/** A call a form makes: busy while it runs, its refusal kept to show under the form. */
function useStep() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (e: FormEvent, step: () => Promise<void>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** What each step asks for: a comment (required to return), a reason (required to amend). */
const WORDS: Record<LifecycleAction, 'comment' | 'reason'> = { submit: 'comment', return: 'comment', countersign: 'comment', issue: 'comment', amend: 'reason' };

export function ReviewPanel({ caseId, life, sections, templateId, onChanged }: { caseId: string; life: ReportLife; sections: readonly Section[]; templateId: string; onChanged: (life: ReportLife) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const current = life.current;
  const state = current?.state ?? 'none';
  const person = useActingPerson();
  // Why the draft cannot be edited is the author's concern; a reviewer sees the steps open to them.
  const isAuthor = person !== null && life.author?.personId === person.id;
  return (
    <section className="review-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('review.heading')}</h2>
      <p className={`review-state state-${state}`}>
        {current ? t('review.versionState', { number: current.number, state: t(`lifecycle.state.${state}`) }) : t('lifecycle.state.none')}
        {life.author && <> · {t('review.author', { name: life.author.name })}</>}
      </p>
      {current && <VersionSteps version={current} lang={i18n.language} />}
      {current?.amends && <p>{t('review.amends', { number: current.amends.number, reason: current.amends.reason })}</p>}
      {isAuthor && !life.editable.ok && life.editable.reason && <p className="hint">{t(life.editable.reason, { name: life.author?.name ?? '' })}</p>}
      {life.actions.length > 0 ? (
        <div className="review-actions">
          {life.actions.map((action) => (
            <StepForm key={action} caseId={caseId} action={action} templateId={templateId} onChanged={onChanged} />
          ))}
        </div>
      ) : (
        <p>{t('review.noSteps')}</p>
      )}
      <Comments caseId={caseId} life={life} sections={sections} onChanged={onChanged} />
    </section>
  );
}

function VersionSteps({ version, lang }: { version: NonNullable<ReportLife['current']>; lang: string }) {
  const { t } = useTranslation();
  const steps = [
    ['submit', version.submitted],
    ['return', version.returned],
    ['countersign', version.countersigned],
    ['issue', version.issued],
  ] as const;
  const taken = steps.filter(([, by]) => by !== null);
  if (taken.length === 0 && !version.contentHash) return null;
  return (
    <ul className="review-steps">
      {taken.map(([step, by]) => (
        <li key={step}>{t('review.step', { step: t(`lifecycle.done.${step}`), name: by!.name, date: formatDate(by!.at.slice(0, 10), lang) })}</li>
      ))}
      {version.contentHash && (
        <li>
          {t('report.contentHash')} <code className="content-hash">{version.contentHash}</code>
        </li>
      )}
    </ul>
  );
}

/** One step: its button, and the comment or reason it carries. */
function StepForm({ caseId, action, templateId, onChanged }: { caseId: string; action: LifecycleAction; templateId: string; onChanged: (life: ReportLife) => void }) {
  const { t } = useTranslation();
  const fieldId = useId();
  const errorId = useId();
  const [words, setWords] = useState('');
  const { busy, error, run } = useStep();
  const kind = WORDS[action];

  const take = async () => {
    const said = words.trim() ? { [kind]: words } : {};
    let life: ReportLife;
    if (action === 'submit') life = await call('report.submit', { caseId, templateId, ...said });
    else if (action === 'return') life = await call('report.return', { caseId, ...said });
    else if (action === 'countersign') life = await call('report.countersign', { caseId, ...said });
    else if (action === 'issue') life = await call('report.issue', { caseId, ...(templateId ? { templateId } : {}) });
    else life = await call('report.amend', { caseId, reason: words });
    setWords('');
    onChanged(life);
  };

  return (
    <form className={`review-step step-${action}`} onSubmit={(e) => void run(e, take)} noValidate>
      {action !== 'issue' && (
        <div className="field">
          <label htmlFor={fieldId}>{t(`review.${action}Words`)}</label>
          <textarea id={fieldId} rows={2} value={words} onChange={(e) => setWords(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} />
        </div>
      )}
      {action === 'issue' && <p className="hint">{t('review.issueHint')}</p>}
      <button type="submit" disabled={busy} className={action === 'return' ? 'secondary' : undefined}>
        {t(`lifecycle.action.${action}`)}
      </button>
      {error && (
        <p id={errorId} className="error-message" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </form>
  );
}

/** The review comments by section, a reviewer's form to add one, and the author's "Mark addressed". */
function Comments({ caseId, life, sections, onChanged }: { caseId: string; life: ReportLife; sections: readonly Section[]; onChanged: (life: ReportLife) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const titles = new Map(sections.map((s) => [s.id, s.title]));
  if (life.comments.length === 0 && !life.canComment) return null;
  return (
    <div className="review-comments">
      <h3 id={headingId}>{t('review.commentsHeading')}</h3>
      {life.comments.length === 0 ? (
        <p>{t('review.noComments')}</p>
      ) : (
        <ul aria-labelledby={headingId}>
          {life.comments.map((c) => (
            <li key={c.id}>
              <CommentItem caseId={caseId} comment={c} title={c.sectionId ? (titles.get(c.sectionId) ?? c.sectionId) : t('review.wholeReport')} canAddress={life.canAddress} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
      {life.canComment && <CommentForm caseId={caseId} sections={sections} onChanged={onChanged} />}
    </div>
  );
}

export function CommentItem({ caseId, comment, title, canAddress, onChanged }: { caseId: string; comment: ReviewComment; title: string; canAddress: boolean; onChanged: (life: ReportLife) => void }) {
  const { t, i18n } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState('');
  const { busy, error, run } = useStep();
  const address = (e: FormEvent) => run(e, async () => onChanged(await call('review.address', { caseId, commentId: comment.id, ...(note.trim() ? { note } : {}) })));
  return (
    <article className={`review-comment${comment.addressed ? ' addressed' : ''}`} aria-label={t('review.commentOn', { section: title })}>
      <p className="review-comment-head">
        <strong>{title}</strong> · {t('review.by', { name: comment.by.name, date: formatDate(comment.by.at.slice(0, 10), i18n.language) })}
      </p>
      <p className="review-comment-body">{comment.body}</p>
      {comment.addressed ? (
        <p className="review-addressed">
          {t('review.addressed', { name: comment.addressed.name, date: formatDate(comment.addressed.at.slice(0, 10), i18n.language) })}
          {comment.addressedNote && <>: {comment.addressedNote}</>}
        </p>
      ) : canAddress ? (
        <form onSubmit={(e) => void address(e)} className="review-address" noValidate>
          <div className="field">
            <label htmlFor={noteId}>{t('review.addressNote')}</label>
            <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="secondary" disabled={busy}>
            {t('review.markAddressed')}
          </button>
          {error && (
            <p className="error-message" role="alert">
              {errorText(t, error)}
            </p>
          )}
        </form>
      ) : (
        <p className="review-open">{t('review.open')}</p>
      )}
    </article>
  );
}

function CommentForm({ caseId, sections, onChanged }: { caseId: string; sections: readonly Section[]; onChanged: (life: ReportLife) => void }) {
  const { t } = useTranslation();
  const sectionId = useId();
  const bodyId = useId();
  const errorId = useId();
  const [section, setSection] = useState('');
  const [body, setBody] = useState('');
  const { busy, error, run } = useStep();
  const add = (e: FormEvent) =>
    run(e, async () => {
      onChanged(await call('review.comment', { caseId, sectionId: section || null, body }));
      setBody('');
    });
  return (
    <form className="review-comment-form" onSubmit={(e) => void add(e)} noValidate>
      <div className="field">
        <label htmlFor={sectionId}>{t('review.commentSection')}</label>
        <select id={sectionId} value={section} onChange={(e) => setSection(e.target.value)}>
          <option value="">{t('review.wholeReport')}</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={bodyId}>{t('review.commentBody')}</label>
        <textarea id={bodyId} rows={3} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} />
      </div>
      <button type="submit" disabled={busy}>
        {t('review.addComment')}
      </button>
      {error && (
        <p id={errorId} className="error-message" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </form>
  );
}
