// Summary statistics with the same definitions as webrtc4j's Java side (dev.webrtc4j.cli.bench.Stats),
// so that a median or a p99 means the same thing in both columns of `webrtc4j bench compare`.

/** Median: the middle sample, or the mean of the two middle samples for an even count. */
export function median(samples) {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in (0, 100]): the smallest sample with at least p% of samples at or below it. */
export function percentile(samples, p) {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside (0, 100]`);
  const s = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.max(rank, 1) - 1];
}
