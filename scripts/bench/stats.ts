/** Shared by the benchmark scripts: one result row, and robust summaries. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, same unit; the ratio value/baseline is printed. */
  baseline?: number;
  baselineName?: string;
  extra?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median and range of a / b taken run by run (runs moments apart see the machine alike). */
export function pairedRatio(a: readonly number[], b: readonly number[]): string {
  const ratios = a.map((x, i) => x / b[i]!);
  return `${median(ratios).toFixed(2)}× (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×)`;
}

/** "lowest–highest", whole milliseconds. */
export const range = (values: readonly number[]): string => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

export function formatRows(rows: readonly BenchRow[]): string {
  const lines: string[] = [];
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push('', `## ${group}`);
    }
    let line = `${row.name}: ${row.value.toFixed(1)} ${row.unit}`;
    if (row.baseline !== undefined) {
      const ratio = row.value / row.baseline;
      line += ` | baseline (${row.baselineName}): ${row.baseline.toFixed(1)} ${row.unit} | ratio ${ratio >= 0.1 ? `${ratio.toFixed(2)}×` : `1/${(1 / ratio).toFixed(0)} (the baseline is ${(1 / ratio).toFixed(0)}× slower)`}`;
    }
    if (row.extra) line += ` | ${row.extra}`;
    lines.push(line);
  }
  return lines.join('\n');
}
