import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_SECTION_TEXT_MAX } from '../../../../main/contract/limits';
import type { AnalysisCheck, ReportText, WritableSection } from '../../../../main/contract/reportText';
import type { ApiError } from '../../../../main/contract/errors';
import { ApiCallError, call } from '../../api/client';
import { errorText } from '../../components/errors';
import type { Acknowledgements } from '../../components/useAcknowledgements';
import { CheckItems, focusSoon, type UpdateText } from './Checks';
import { Evidence } from './Evidence';

export const textDomId = (sectionId: string) => `write-text-${sectionId}`;

/** Puts focus in a section's text box (from the readiness list or the checks summary). */
export function focusSection(sectionId: string): void {
  const box = document.getElementById(textDomId(sectionId));
  box?.scrollIntoView({ block: 'center' });
  box?.focus();
}

interface Props {
  caseId: string;
  section: WritableSection;
  text: ReportText;
  update: UpdateText;
  checks: AnalysisCheck[];
  acks: Acknowledgements;
  /** The reviewer's comments on this section, shown beside it. */
  review?: ReactNode;
  /** While the report is with the reviewer, countersigned or issued, or someone else's: read, not written. */
  readOnly?: boolean;
}

/**
 * One section the officer writes: its title, what it is for, the text box, "Start from the
 * recorded facts", its checks, and the recorded facts beside it (docs/DOMAIN.md, writing the report).
 */
export function WriteSection({ caseId, section, text, update, checks, acks, review, readOnly = false }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [drafting, setDrafting] = useState(false);
  const [draftError, setDraftError] = useState<ApiError | null>(null);
  const entry = text.sections[section.id];
  const id = section.id;
  const boxId = textDomId(id);
  const edited = entry?.drafted !== undefined && entry.text !== entry.drafted;
  const describedBy = [section.guidance ? `write-guidance-${id}` : '', section.opinion ? `write-opinion-${id}` : '', entry?.drafted !== undefined && !edited ? `write-drafted-${id}` : '']
    .filter(Boolean)
    .join(' ');

  const draft = async () => {
    setConfirming(false);
    setDrafting(true);
    setDraftError(null);
    try {
      const { text: drafted } = await call('reportText.draft', { caseId, sectionId: id });
      update((d) => ({ ...d, sections: { ...d.sections, [id]: { text: drafted, drafted } } }));
      focusSoon(boxId);
    } catch (e) {
      setDraftError(e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });
    } finally {
      setDrafting(false);
    }
  };
  const askOrDraft = () => {
    if (entry?.text.trim()) {
      setConfirming(true);
      focusSoon(`write-replace-${id}`);
    } else void draft();
  };

  return (
    <section className="write-section" id={`write-section-${id}`} aria-labelledby={`write-title-${id}`}>
      <h2 id={`write-title-${id}`}>{section.title}</h2>
      {review}
      <div className="write-columns">
        <div className="write-main">
          <p className={section.required ? 'tag tag-required' : 'tag tag-optional'}>{section.required ? t('write.required') : t('write.optional')}</p>
          {section.guidance && (
            <p className="hint write-guidance" id={`write-guidance-${id}`}>
              {section.guidance}
            </p>
          )}
          {section.opinion && (
            <p className="write-opinion" id={`write-opinion-${id}`}>
              {t('write.opinion')}
            </p>
          )}
          <textarea
            id={boxId}
            className="write-text"
            rows={10}
            maxLength={REPORT_SECTION_TEXT_MAX}
            aria-labelledby={`write-title-${id}`}
            aria-describedby={describedBy || undefined}
            value={entry?.text ?? ''}
            readOnly={readOnly}
            onChange={(e) => {
              const value = e.target.value;
              update((d) => {
                const before = d.sections[id];
                return { ...d, sections: { ...d.sections, [id]: before?.drafted !== undefined ? { text: value, drafted: before.drafted } : { text: value } } };
              });
            }}
          />
          {entry?.drafted !== undefined && !edited && (
            <p className="write-drafted" id={`write-drafted-${id}`}>
              {t('write.draftedNote')}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="secondary" onClick={askOrDraft} disabled={drafting || readOnly} aria-describedby={`write-title-${id}`}>
              {drafting ? t('write.drafting') : t('write.startFromFacts')}
            </button>
          </div>
          {confirming && (
            <div className="write-confirm" role="group" aria-labelledby={`write-confirm-${id}`}>
              <p id={`write-confirm-${id}`}>{t('write.replaceQuestion')}</p>
              <div className="button-row">
                <button type="button" id={`write-replace-${id}`} onClick={() => void draft()}>
                  {t('write.replace')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setConfirming(false);
                    focusSoon(boxId);
                  }}
                >
                  {t('write.keep')}
                </button>
              </div>
            </div>
          )}
          {draftError && (
            <p className="error-message" role="alert">
              {errorText(t, draftError)}
            </p>
          )}
          <div aria-live="polite">
            <CheckItems checks={checks} text={text} acks={acks} label={t('write.checksFor', { title: section.title })} />
          </div>
        </div>
        <Evidence section={section} />
      </div>
    </section>
  );
}
