import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormDefinition } from '../../../../main/contract/form';

const sectionKey = (caseId: string) => `psr.interview.section.${caseId}`;

/**
 * Which section is shown, and where focus goes on moving: to a named control (an error, the first
 * missing answer) or to the section's heading. The section is kept per tab across reloads.
 */
export function useSections(caseId: string, definition: FormDefinition, beforeMove: () => void) {
  const [sectionId, setSectionId] = useState<string>(() => {
    const stored = sessionStorage.getItem(sectionKey(caseId));
    return stored && definition.sections.some((s) => s.id === stored) ? stored : (definition.sections[0]?.id ?? '');
  });
  const [focusRequest, setFocusRequest] = useState<{ seq: number; target: string | null }>({ seq: 0, target: null });
  const headingRef = useRef<HTMLHeadingElement>(null);

  const goTo = useCallback(
    (next: string, target: string | null = null) => {
      beforeMove();
      sessionStorage.setItem(sectionKey(caseId), next);
      setSectionId(next);
      setFocusRequest((r) => ({ seq: r.seq + 1, target }));
    },
    [caseId, beforeMove],
  );
  const focusHeading = useCallback(() => setFocusRequest((r) => ({ seq: r.seq + 1, target: null })), []);

  useEffect(() => {
    if (focusRequest.seq === 0) return;
    const target = focusRequest.target;
    const found = target ? (document.getElementById(target) ?? document.getElementById(`${target}-add`)) : null;
    if (found) {
      found.focus();
      found.scrollIntoView({ block: 'center' });
    } else {
      headingRef.current?.focus();
      window.scrollTo({ top: 0 });
    }
  }, [focusRequest]);

  const section = definition.sections.find((s) => s.id === sectionId) ?? definition.sections[0]!;
  const index = definition.sections.indexOf(section);
  return { section, index, previous: definition.sections[index - 1], next: definition.sections[index + 1], goTo, focusHeading, headingRef };
}
