/**
 * Multiple-testing correction. One evaluator run tests many metrics in many segments; at alpha = 0.05 and 100
 * tests, five false alarms are expected by chance alone. Benjamini-Hochberg controls the false discovery rate
 * (the expected share of false alarms among the flagged drifts) at alpha for independent or positively
 * dependent tests.
 */

/**
 * Benjamini-Hochberg adjusted p-values (the step-up procedure, identical to R `p.adjust(p, 'BH')`):
 * with the m valid p-values sorted ascending, adjusted p_(k) = min(1, min_{j >= k} m p_(j) / j). Adjusted
 * values are monotone in the raw ones and never smaller than them. Reject (flag) where adjusted <= alpha.
 *
 * Missing values (`undefined`, `null`, `NaN`: e.g. an inconclusive metric that ran no test) are excluded, as
 * R does with NA: they do not count in m and their output slot is `undefined`. Output order = input order.
 * Throws a RangeError for a number outside [0, 1].
 */
export function benjaminiHochberg(pValues: readonly (number | null | undefined)[]): (number | undefined)[] {
  const valid: { index: number; p: number }[] = [];
  pValues.forEach((p, index) => {
    if (p === undefined || p === null || Number.isNaN(p)) return;
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`benjaminiHochberg: p-value at index ${index} is outside [0, 1]: ${p}`);
    }
    valid.push({ index, p });
  });
  const adjusted: (number | undefined)[] = new Array(pValues.length).fill(undefined);
  const m = valid.length;
  // Stable sort by p, so ties keep input order (the adjusted value of tied p-values is equal anyway).
  valid.sort((left, right) => left.p - right.p || left.index - right.index);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { index, p } = valid[rank - 1];
    // (m / rank) * p, in this order as R computes it, so results match p.adjust bit for bit and never fall below p.
    runningMin = Math.min(runningMin, (m / rank) * p);
    adjusted[index] = runningMin;
  }
  return adjusted;
}
