import type { ReactNode } from 'react';

/**
 * Content wider than a phone (a table, a chart) scrolls sideways inside this box, never the page. As a named region
 * that takes focus, keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="scroll-region" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
