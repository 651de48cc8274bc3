/** The languages Plein speaks, and how one is chosen. Pure: no i18next, no `navigator`, so it can be tested. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: string | null | undefined): value is Language =>
  LANGUAGES.includes(value as Language);

/** The language part of a tag: `nl-BE` → `nl`, `EN_gb` → `en`. */
const base = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** The first of the browser's languages (most preferred first) that Plein speaks, if any. */
export function browserLanguage(languages: readonly string[]): Language | null {
  for (const tag of languages) {
    const language = base(tag);
    if (isLanguage(language)) return language;
  }
  return null;
}

/** The person's own setting, else the browser's language, else the organisation's (PLEIN_LANGUAGE). */
export function chooseLanguage(
  personal: string | null | undefined,
  browser: readonly string[],
  organisation: Language,
): Language {
  if (isLanguage(personal)) return personal;
  return browserLanguage(browser) ?? organisation;
}

/** The locale for dates and numbers: the browser's own variant of the chosen language (en-GB, nl-BE …). */
export function formattingLocale(language: Language, browser: readonly string[]): string {
  return browser.find((tag) => base(tag) === language) ?? language;
}
