/** A span of seconds in at most two units, largest first: [['hour', 2], ['minute', 5]]; under a minute, seconds. */
export function durationParts(seconds: number): ['day' | 'hour' | 'minute' | 'second', number][] {
  const units = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ] as const;
  const parts: ['day' | 'hour' | 'minute' | 'second', number][] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 || parts.length > 0) parts.push([unit, count]);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  const shown = parts.filter(([, count]) => count > 0);
  return shown.length > 0 ? shown : [['second', rest]];
}
