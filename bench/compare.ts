/**
 * Pure helpers of the benchmark: comparing answers and reading Prometheus counters.
 */

/**
 * The first place two JSON values differ, as a path and both values (null when they are equal).
 * Object key order is ignored; array order is not.
 */
export function firstDifference(a: unknown, b: unknown, path = '$'): { path: string; left: unknown; right: unknown } | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return { path, left: a, right: b };
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return { path: `${path}.length`, left: a.length, right: b.length };
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (!(key in ao) || !(key in bo)) return { path: `${path}.${key}`, left: ao[key], right: bo[key] };
    const d = firstDifference(ao[key], bo[key], `${path}.${key}`);
    if (d) return d;
  }
  return null;
}

/** Names of key facts whose values differ (NaN, i.e. missing, never matches). */
export function differingFacts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].filter((k) => !(Number.isFinite(expected[k]) && expected[k] === actual[k]));
}

/** Sum of every sample of one counter in Prometheus text exposition (all label sets). */
export function sumCounter(metricsText: string, name: string): number {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}
