import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../main/contract/errors';
import type { Person } from '../../../../main/contract/people';
import { ApiCallError, call } from '../../api/client';

// Moving a case between stores as a file: an inquiry from a screener, or a whole case file. The
// file is handed to the browser as a download (in Electron the same download opens the save
// dialog), and read back from a file input; main checks what is in it.

/** Hands `value` to the browser as a JSON file named `fileName`. */
export function downloadJson(fileName: string, value: unknown): void {
  downloadBlob(fileName, new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
}

/** A sealed inquiry: age's armored text. */
export function downloadText(fileName: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: 'application/octet-stream' }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A case file's name: the case number, safe in any file system. */
export function caseFileName(caseNumber: string): string {
  return `case-${caseNumber.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'case'}.json`;
}

export const asApiError = (e: unknown): ApiError => (e instanceof ApiCallError ? e.error : { code: 'internal', message: String(e) });

/** The person this window acts for (the Who is using the app screen chose them), or null while it loads. */
export function useActingPerson(): Person | null {
  const [person, setPerson] = useState<Person | null>(null);
  useEffect(() => {
    let live = true;
    call('session.current', {})
      .then((s) => live && setPerson(s.person))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return person;
}
