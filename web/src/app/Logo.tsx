/** The mark (a square with a meeting point in it) and the word. */
export function Logo() {
  return (
    <span className="logo">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="var(--brand)" />
        <circle cx="16" cy="16" r="7" fill="none" stroke="var(--on-brand)" strokeWidth="3" />
        <circle cx="16" cy="16" r="2" fill="var(--on-brand)" />
      </svg>
      <span className="logo-word">Plein</span>
    </span>
  );
}
