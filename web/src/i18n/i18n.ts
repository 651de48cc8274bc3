import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import nl from './nl.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const isLanguage = (value: string | null | undefined): value is Language =>
  LANGUAGES.includes(value as Language);

/** The first of the browser's languages that Plein speaks, if any. */
export function browserLanguage(languages: readonly string[] = navigator.languages ?? []): Language | null {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return null;
}

/** The person's own setting, else the browser's language, else the organisation's (PLEIN_LANGUAGE). */
export function chooseLanguage(personal: string | null | undefined, organisation: Language): Language {
  if (isLanguage(personal)) return personal;
  return browserLanguage() ?? organisation;
}

/** The locale for dates and numbers: the browser's own variant of the chosen language (en-GB, nl-BE …). */
export function formattingLocale(language: Language): string {
  return (navigator.languages ?? []).find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, nl: { translation: nl } },
  lng: browserLanguage() ?? 'nl',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18n;
