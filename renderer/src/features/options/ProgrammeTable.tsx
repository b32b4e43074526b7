import { useTranslation } from 'react-i18next';
import type { ProgrammeRecord } from '../../../../main/contract/optionsApi';

/** Every programme with its status, and the edit and retire buttons. */
export function ProgrammeTable({ list, kindName, onEdit, onRetire }: { list: ProgrammeRecord[]; kindName: (kind: string) => string; onEdit: (p: ProgrammeRecord) => void; onRetire: (p: ProgrammeRecord) => void }) {
  const { t } = useTranslation();
  return (
    <>
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
                <td>{kindName(p.kind)}</td>
                <td>{p.location}</td>
                <td>{p.retired ? t('programmesUi.retired') : t('programmesUi.active')}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => onEdit(p)}
                  >
                    {t('programmesUi.edit', { name: p.name })}
                  </button>
                  {!p.retired && (
                    <button type="button" className="secondary" onClick={() => onRetire(p)}>
                      {t('programmesUi.retire', { name: p.name })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
