import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Choice } from '../../../main/domain/merge';
import type { Conflict } from './useDraftAutosave';

export interface ConflictWording {
  /** "Someone else saved this interview". */
  title: string;
  /** The question or field a part is. */
  label(part: string): string;
  /** A part's value as the officer would read it; undefined where that side has none. */
  show(part: string, value: unknown): string;
}

/**
 * Two saves changed the same answers: each is shown side by side, mine and theirs, question by
 * question, and nothing is saved until the officer has chosen for every one. What changed on one
 * side only was already combined, and is listed so nothing changes unseen.
 */
export function ConflictPanel({ conflict, wording, onResolve }: { conflict: Conflict; wording: ConflictWording; onResolve: (choices: Record<string, Choice>) => Promise<void> }) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    setChoices({});
    setMissing(false);
  }, [conflict]);
  const domId = (part: string) => `conflict-${part.replace(/[^\w-]/g, '-')}`;
  const combined = [...new Set(conflict.fromTheirs.map(wording.label))];

  const submit = () => {
    const first = conflict.conflicts.find((c) => choices[c.key] === undefined);
    if (first) {
      setMissing(true);
      document.getElementById(`${domId(first.key)}-mine`)?.focus();
      return;
    }
    void onResolve(choices);
  };

  return (
    <section className="banner banner-error conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" tabIndex={-1} ref={headingRef}>
        {wording.title}
      </h2>
      <p>{t('drafts.conflict.body', { version: conflict.theirsVersion, count: conflict.conflicts.length })}</p>
      {combined.length > 0 && (
        <>
          <p>{t('drafts.conflict.combined', { count: combined.length })}</p>
          <ul className="conflict-combined">
            {combined.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {conflict.conflicts.map((c) => {
          const id = domId(c.key);
          const label = wording.label(c.key);
          const unchosen = missing && choices[c.key] === undefined;
          return (
            <fieldset key={c.key} className={unchosen ? 'conflict-part field-error' : 'conflict-part'} aria-describedby={unchosen ? `${id}-error` : undefined}>
              <legend>{label}</legend>
              {unchosen && (
                <p className="error-message" id={`${id}-error`}>
                  {t('drafts.conflict.choose')}
                </p>
              )}
              <div className="conflict-sides">
                {(['mine', 'theirs'] as const).map((side) => (
                  <div key={side} className={`conflict-side conflict-${side}`}>
                    <input
                      type="radio"
                      id={`${id}-${side}`}
                      name={id}
                      checked={choices[c.key] === side}
                      onChange={() => setChoices((all) => ({ ...all, [c.key]: side }))}
                      aria-describedby={`${id}-${side}-text`}
                    />
                    <label htmlFor={`${id}-${side}`}>{side === 'mine' ? t('drafts.conflict.keepMine') : t('drafts.conflict.keepTheirs', { version: conflict.theirsVersion })}</label>
                    <p className="conflict-text" id={`${id}-${side}-text`}>
                      {wording.show(c.key, side === 'mine' ? c.mine : c.theirs)}
                    </p>
                  </div>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div className="button-row">
          <button type="submit">{t('drafts.conflict.save', { count: conflict.conflicts.length })}</button>
        </div>
      </form>
    </section>
  );
}
