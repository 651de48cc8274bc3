import { describe, expect, it } from 'vitest';
import { isServedByPlein } from './Avatar.js';

const plein = 'https://plein.example.org';

describe('which avatars the web shows as pictures', () => {
  it.each([
    'data:image/png;base64,iVBORw0KGgo=',
    'data:image/svg+xml;base64,PHN2Zy8+',
    '/api/v1/files/12/avatar',
    `${plein}/api/v1/files/12/avatar`,
  ])('shows %s: Plein serves it itself', (url) => {
    expect(isServedByPlein(url, plein)).toBe(true);
  });

  it.each([
    'https://tracker.example/pixel.png?who=me',
    'http://plein.example.org/avatar.png',
    '//tracker.example/pixel.png',
    'https://plein.example.org.tracker.example/a.png',
    'javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
  ])('shows initials instead of %s: another origin would learn who looks', (url) => {
    expect(isServedByPlein(url, plein)).toBe(false);
  });
});
