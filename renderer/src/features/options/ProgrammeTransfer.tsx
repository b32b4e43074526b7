import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';

/** Importing a programmes file and exporting all programmes as one, for another office. */
export function ProgrammeTransfer({ onImport }: { onImport: (file: File) => void }) {
  const { t } = useTranslation();
  const [exportUrl, setExportUrl] = useState<string | null>(null);
  useEffect(() => () => {
    if (exportUrl) URL.revokeObjectURL(exportUrl);
  }, [exportUrl]);
  const exportAll = async () => {
    const file = await call('programmes.export', { includeRetired: true });
    if (exportUrl) URL.revokeObjectURL(exportUrl);
    setExportUrl(URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' })));
  };
  return (
    <>
      <h2>{t('programmesUi.importTitle')}</h2>
      <div className="field">
        <label htmlFor="prog-import">{t('programmesUi.importFile')}</label>
        <input
          id="prog-import"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onImport(file);
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
