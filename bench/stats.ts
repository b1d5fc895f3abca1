// Small statistics for benchmark reports: medians with their spread, and ratios to a baseline.

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summary(values: readonly number[], digits = 2): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return `${median(values).toFixed(digits)} (min ${min.toFixed(digits)} – max ${max.toFixed(digits)}, n=${values.length})`;
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}
