import type { Segment } from '../../../contract/search.js';
import { HIT_END, HIT_START } from './sql.js';

/** ts_headline output → plain-text pieces, hits marked: the client renders text, so nothing can inject markup. */
export function toSegments(headline: string): Segment[] {
  const segments: Segment[] = [];
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(HIT_START);
    if (start === -1) {
      segments.push({ text: rest, hit: false });
      break;
    }
    if (start > 0) segments.push({ text: rest.slice(0, start), hit: false });
    const end = rest.indexOf(HIT_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    const hit = rest.slice(start + 1, stop);
    if (hit) segments.push({ text: hit, hit: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return mergeNeighbours(
    segments.map((s) => ({ ...s, text: s.text.split(HIT_START).join('').split(HIT_END).join('') })),
  );
}

function mergeNeighbours(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (!segment.text) continue;
    if (last && last.hit === segment.hit) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}
