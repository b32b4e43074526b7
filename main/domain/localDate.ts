// Dates the rules compare ("today", the report date) are calendar dates where the officer is.

/** The local calendar date of `d`, YYYY-MM-DD. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
