/** Whole calendar days from `today` to `due` (both YYYY-MM-DD): negative when the report is overdue. */
export function daysUntil(today: string, due: string): number {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((day(due) - day(today)) / 86_400_000);
}

/** How the case list words a due date: the catalogue key and its count. */
export function dueWording(days: number): { key: 'cases.due.overdue' | 'cases.due.today' | 'cases.due.inDays'; count: number } {
  if (days < 0) return { key: 'cases.due.overdue', count: -days };
  if (days === 0) return { key: 'cases.due.today', count: 0 };
  return { key: 'cases.due.inDays', count: days };
}
