/** Percentile of a list of numbers (nearest-rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export function ms(n: number): string {
  return `${n.toFixed(n < 1 ? 3 : 2)} ms`;
}

/** A line of the report: the figure, its target, and figure/target (below 1 meets the target). */
export function line(name: string, value: number, unit: (n: number) => string, target?: number): string {
  const ratio = target ? `  target ${unit(target)}  ratio ${(value / target).toFixed(3)} ${value <= target ? 'OK' : 'OVER'}` : '';
  return `${name.padEnd(44)} ${unit(value).padStart(12)}${ratio}`;
}

export function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}
