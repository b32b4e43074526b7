import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Section } from '../../../../main/contract/form';
import type { ItemEvaluation, SectionEvaluation } from '../../../../main/domain/forms';
import type { RuleFacts } from '../../../../main/domain/rules';
import { answerPath } from '../../../../main/domain/forms';
import { issueText } from '../../components/errors';
import { answerName, controlId, localize } from './model';
import { GroupQuestion, Question, type QuestionState } from './Questions';

// One section's questions with what the evaluation says about each: shown, required, problems.
// Missing answers are only flagged once the officer asked to complete; wrong values always are.

/** Above this many questions a section lets the browser skip rendering those off screen. */
const MANY_QUESTIONS = 40;

interface Props {
  section: Section;
  evaluation: SectionEvaluation;
  facts: RuleFacts;
  showMissing: boolean;
  onRowsChanged: () => void;
}

export function SectionView({ section, evaluation, facts, showMissing, onRowsChanged }: Props) {
  const { t, i18n } = useTranslation();
  const byPath = useMemo(() => new Map<string, ItemEvaluation>(evaluation.items.map((i) => [i.path, i])), [evaluation]);
  const preTrial = facts.stage === 'pre_trial';

  const stateOf = useCallback(
    (fieldId: string, row?: number, subFieldId?: string): QuestionState => {
      const item = byPath.get(answerPath(fieldId, row, subFieldId));
      if (!item) return { visible: true, required: false, errors: '' };
      const errors = item.issues
        .filter((i) => showMissing || i.kind !== 'missing')
        .map((i) => issueText(t, i.key === 'validation.required' ? { ...i, key: 'interview.required' } : i));
      return { visible: item.visible, required: item.required, errors: [...new Set(errors)].join('\n') };
    },
    [byPath, showMissing, t],
  );

  if (!evaluation.visible) {
    return <p className="banner">{t('interview.sectionNotApplicable')}</p>;
  }
  return (
    <div className={section.fields.length > MANY_QUESTIONS ? 'questions questions-many' : 'questions'}>
      {section.help && <p className="section-help">{localize(section.help, i18n.language)}</p>}
      {!evaluation.required && <p className="muted">{t('interview.sectionOptional')}</p>}
      {section.fields.map((field) => {
        // Before a finding of guilt the person's account of the offence is never asked (defence in depth: the form has none).
        if (preTrial && field.offenceAccount) return null;
        const s = stateOf(field.id);
        if (field.kind === 'repeatable_group') {
          return <GroupQuestion key={field.id} group={field} name={answerName(field.id)} visible={s.visible} required={s.required} errors={s.errors} stateOf={stateOf} onRowsChanged={onRowsChanged} />;
        }
        return <Question key={field.id} field={field} name={answerName(field.id)} id={controlId(field.id)} visible={s.visible} required={s.required} errors={s.errors} />;
      })}
    </div>
  );
}
