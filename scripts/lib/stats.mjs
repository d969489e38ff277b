// @ts-check
/**
 * Small statistics for the benchmark. Values in whatever unit the caller
 * uses (milliseconds throughout Media Deck's scripts).
 */

/**
 * The `p` quantile (0..1) of `values` by nearest rank; `NaN` for an empty list.
 * @param {number[]} values
 * @param {number} p
 */
export function quantile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN
  );
}

/**
 * Median, p95, min, max and count of `values`.
 * @param {number[]} values
 */
export function describe(values) {
  return {
    median: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    min: quantile(values, 0),
    max: quantile(values, 1),
    n: values.length,
  };
}

/**
 * "median 2.1 ms, p95 3.2 ms (n=50)".
 * @param {number[]} values
 * @param {string} [unit]
 */
export function summary(values, unit = 'ms') {
  const d = describe(values);
  return `median ${d.median.toFixed(1)} ${unit}, p95 ${d.p95.toFixed(1)} ${unit}, min ${d.min.toFixed(1)} ${unit}, max ${d.max.toFixed(1)} ${unit} (n=${d.n})`;
}
