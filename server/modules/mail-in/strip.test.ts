import { describe, expect, it } from 'vitest';
import { CLIENTS, NEW_TEXT } from './fixtures.js';
import { parseMail } from './parse.js';
import { stripQuoted } from './strip.js';

const addresses = { from: 'jan@example.org', to: 'reply+v1.a.tb.0@plein.example.org' };

describe('stripQuoted on the shapes real clients send', () => {
  it.each(Object.keys(CLIENTS))('%s: keeps only what was written', async (client) => {
    const mail = await parseMail(Buffer.from(CLIENTS[client]!(addresses)));
    expect(stripQuoted(mail.text)).toBe(NEW_TEXT);
  });

  it('keeps a reply that quotes nothing, and a "from:" line that starts no Outlook block', () => {
    expect(stripQuoted('From: the board, a decision.\nWe go ahead.')).toBe(
      'From: the board, a decision.\nWe go ahead.',
    );
  });

  it('drops interleaved quote lines but keeps the answers between them', () => {
    expect(stripQuoted('> Question one?\nYes.\n> Question two?\nNo.')).toBe('Yes.\nNo.');
  });

  it('is empty when only a quote and a signature were sent', () => {
    expect(stripQuoted('Sent from my iPhone\n\n> On Sat wrote:\n> hi')).toBe('');
  });
});
