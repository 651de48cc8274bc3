import { describe, expect, it } from 'vitest';
import { browserLanguage, chooseLanguage, formattingLocale, isLanguage } from './choose-language.js';

describe('browserLanguage', () => {
  it('reduces regional codes to the language: nl-BE → nl, en-GB → en', () => {
    expect(browserLanguage(['nl-BE'])).toBe('nl');
    expect(browserLanguage(['en-GB'])).toBe('en');
    expect(browserLanguage(['EN-us'])).toBe('en');
    expect(browserLanguage(['nl_NL'])).toBe('nl');
  });

  it('takes the first language Plein speaks, in the browser’s order', () => {
    expect(browserLanguage(['fr-FR', 'de', 'en-US', 'nl'])).toBe('en');
    expect(browserLanguage(['nl', 'en'])).toBe('nl');
  });

  it('gives nothing for languages Plein does not speak, or none at all', () => {
    expect(browserLanguage(['fr-FR', 'de-DE'])).toBeNull();
    expect(browserLanguage([])).toBeNull();
    expect(browserLanguage([''])).toBeNull();
    // "nld" or "english" are not the codes browsers send; no guessing.
    expect(browserLanguage(['nld', 'english'])).toBeNull();
  });
});

describe('chooseLanguage: the person’s setting, else the browser’s, else the organisation’s', () => {
  it('the person’s own setting wins over the browser and the organisation', () => {
    expect(chooseLanguage('en', ['nl-NL'], 'nl')).toBe('en');
    expect(chooseLanguage('nl', ['en-GB'], 'en')).toBe('nl');
  });

  it('without a setting, the browser’s language wins over the organisation', () => {
    expect(chooseLanguage(null, ['en-GB'], 'nl')).toBe('en');
    expect(chooseLanguage(undefined, ['nl-BE'], 'en')).toBe('nl');
  });

  it('an unknown personal setting is ignored, not trusted', () => {
    expect(chooseLanguage('fr', ['en-GB'], 'nl')).toBe('en');
    expect(chooseLanguage('', [], 'en')).toBe('en');
  });

  it('an unknown browser language falls back to the organisation’s (PLEIN_LANGUAGE)', () => {
    expect(chooseLanguage(null, ['fr-FR'], 'nl')).toBe('nl');
    expect(chooseLanguage(null, ['fr-FR', 'de'], 'en')).toBe('en');
    expect(chooseLanguage(null, [], 'en')).toBe('en');
  });
});

describe('formattingLocale: the browser’s own variant of the chosen language', () => {
  it('keeps the region the browser asked for', () => {
    expect(formattingLocale('nl', ['fr-FR', 'nl-BE'])).toBe('nl-BE');
    expect(formattingLocale('en', ['en-GB', 'en-US'])).toBe('en-GB');
  });

  it('is the bare language when the browser does not ask for it', () => {
    expect(formattingLocale('en', ['nl-NL'])).toBe('en');
    expect(formattingLocale('nl', [])).toBe('nl');
  });
});

it('isLanguage accepts only what Plein speaks', () => {
  expect(isLanguage('nl')).toBe(true);
  expect(isLanguage('en')).toBe(true);
  expect(isLanguage('en-GB')).toBe(false);
  expect(isLanguage(null)).toBe(false);
});
