import { useTranslation } from 'react-i18next';
import type { EvidenceItem, WritableSection } from '../../../../main/contract/reportText';

/** How an item's source reads beside it: the kind in words, then by whom and how where recorded. */
function SourceLine({ item }: { item: EvidenceItem }) {
  const { t } = useTranslation();
  const { kind, by, how } = item.source;
  return (
    <p className="evidence-source">
      {t('write.sourceLabel', { source: t(`write.source.${kind}`) })}
      {by?.trim() && (
        <>
          <br />
          {t('write.by', { by })}
        </>
      )}
      {how?.trim() && (
        <>
          <br />
          {t('write.how', { how })}
        </>
      )}
    </p>
  );
}

/**
 * The recorded facts of one section, beside the text the officer writes: the answer as the report
 * words it, its source, and a plain marker on what the report never prints (docs/DOMAIN.md,
 * minimum disclosure).
 */
export function Evidence({ section }: { section: WritableSection }) {
  const { t } = useTranslation();
  const titleId = `write-evidence-${section.id}`;
  return (
    <aside className="write-evidence" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <span className="visually-hidden">{t('write.evidence', { title: section.title })}</span>
        <span aria-hidden="true">{t('write.evidenceTitle')}</span>
      </h3>
      {section.evidence.length === 0 ? (
        <p className="muted">{t('write.noEvidence')}</p>
      ) : (
        <ul className="evidence-list">
          {section.evidence.map((item) => (
            <li key={item.id} className={item.notForDisclosure ? 'evidence-item withheld' : 'evidence-item'}>
              <p className="evidence-label">{item.label}</p>
              <p className="evidence-value">{item.status === 'declined' ? t('write.declined') : item.value}</p>
              {item.kind === 'assessment' && <p className="tag tag-assessment">{t('write.assessment')}</p>}
              <SourceLine item={item} />
              {item.notForDisclosure && <p className="withheld-marker">{t('write.notForDisclosure')}</p>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
