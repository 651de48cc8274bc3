import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from './catalogues.js';
import {
  browserLanguage,
  chooseLanguage as choose,
  type Language,
  formattingLocale as locale,
} from './choose-language.js';

const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

export type { Language } from './choose-language.js';
export { LANGUAGES } from './choose-language.js';

/** The person's own setting, else the browser's language, else the organisation's (PLEIN_LANGUAGE). */
export const chooseLanguage = (personal: string | null | undefined, organisation: Language): Language =>
  choose(personal, browserLanguages(), organisation);

/** The locale for dates and numbers: the browser's own variant of the chosen language (en-GB, nl-BE …). */
export const formattingLocale = (language: Language): string => locale(language, browserLanguages());

void i18n.use(initReactI18next).init({
  resources: { en: { translation: catalogues.en }, nl: { translation: catalogues.nl } },
  lng: browserLanguage(browserLanguages()) ?? 'nl',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18n;
