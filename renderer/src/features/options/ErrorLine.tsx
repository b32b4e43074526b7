import type { SummaryItem } from '../../components/ErrorSummary';

/** The message under one field, named so its control can point at it with aria-describedby. */
export function ErrorLine({ target, errors }: { target: string; errors: SummaryItem[] }) {
  const text = errors.find((e) => e.target === target)?.text;
  return text ? (
    <span className="error-message" id={`${target}-error`}>
      {text}
    </span>
  ) : null;
}
