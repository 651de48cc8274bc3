import { describe, expect, it } from 'vitest';
import { Channel, DigestFrequency, MAIL_NOTICE_KINDS } from '../../../contract/mail.js';
import { CHANNELS, DIGESTS, MAIL_KINDS } from './mail.js';

describe("the web's copy of the mail enumerations", () => {
  it('holds every value of the contract, in the order the settings show them', () => {
    expect([...MAIL_KINDS]).toEqual([...MAIL_NOTICE_KINDS]);
    expect([...CHANNELS].sort()).toEqual([...Channel.options].sort());
    expect([...DIGESTS]).toEqual(DigestFrequency.options);
  });
});
