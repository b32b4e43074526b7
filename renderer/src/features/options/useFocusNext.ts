import { useEffect, useState } from 'react';

/** Where keyboard focus goes once the next render has replaced the control that had it. */
export function useFocusNext(): (id: string) => void {
  const [focusNext, setFocusNext] = useState<string | null>(null);
  useEffect(() => {
    if (!focusNext) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);
  return setFocusNext;
}
