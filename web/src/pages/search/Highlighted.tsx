import type { Segment } from '../../../../contract/search.js';

/** Snippet pieces as text, hits in <mark>: the server sends no HTML, so nothing can be injected. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed text, never reordered
          <mark key={i}>{segment.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed text, never reordered
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}

export const plainText = (segments: Segment[]) => segments.map((segment) => segment.text).join('');
