/** Collects parameters for one statement: `p(value)` returns its placeholder. */
export function params() {
  const values: unknown[] = [];
  const p = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  return { values, p };
}

/** Markers ts_headline puts around hits; plein_html_text strips them from the source text first. */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';
export const headlineOptions = (words: { min: number; max: number; fragments: number }) =>
  `StartSel=${HIT_START}, StopSel=${HIT_END}, MinWords=${words.min}, MaxWords=${words.max}, ` +
  `MaxFragments=${words.fragments}, FragmentDelimiter=" … "`;
export const TITLE_HEADLINE = `StartSel=${HIT_START}, StopSel=${HIT_END}, HighlightAll=true`;
