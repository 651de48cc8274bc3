/**
 * Raw replies in the shapes real clients send (written by hand from their formats): each answers "Klopt, morgen
 * om tien uur." above the client's own quote header and the quoted notice. For strip.test.ts and receive.test.ts.
 */
export const NEW_TEXT = 'Klopt, morgen om tien uur.\n\nGroet, Jan';

type Addresses = { from: string; to: string; subject?: string; extraHeaders?: string };

const head = (a: Addresses, contentType: string) =>
  [
    `From: Jan de Vries <${a.from}>`,
    `To: ${a.to}`,
    `Subject: ${a.subject ?? 'Re: Vraag over de planning'}`,
    'Date: Sat, 05 Dec 2026 10:00:00 +0100',
    `Message-ID: <${Math.random().toString(36).slice(2)}@client.example>`,
    'MIME-Version: 1.0',
    ...(a.extraHeaders ? [a.extraHeaders] : []),
    `Content-Type: ${contentType}`,
  ].join('\r\n');

const plain = (a: Addresses, body: string, charset = 'utf-8') =>
  `${head(a, `text/plain; charset=${charset}`)}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;

const alternative = (a: Addresses, text: string, html: string) =>
  [
    head(a, 'multipart/alternative; boundary="b1"'),
    '',
    '--b1',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    text.replace(/=/g, '=3D').replace(/\n/g, '\r\n'),
    '--b1',
    'Content-Type: text/html; charset="UTF-8"',
    '',
    html,
    '--b1--',
    '',
  ].join('\r\n');

const QUOTED =
  '> Marie vroeg: Is de meeting morgen om tien uur?\n>\n> Bekijk het in Plein: https://plein.example.org/t/12';

/** Each client's reply, with the text a person wrote in it. */
export const CLIENTS: Record<string, (a: Addresses) => string> = {
  gmail: (a) =>
    alternative(
      a,
      `${NEW_TEXT}\n\nOn Sat, Dec 5, 2026 at 9:41 AM Plein <reply+x@plein.example.org>\nwrote:\n\n${QUOTED}\n`,
      `<div dir="ltr">Klopt, morgen om tien uur.<br><br>Groet, Jan</div><br><div class="gmail_quote">On Sat, Dec 5, 2026 wrote:<blockquote>Is de meeting morgen?</blockquote></div>`,
    ),
  gmailDutch: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\nOp za 5 dec 2026 om 09:41 schreef Plein <plein@plein.example.org>:\n\n${QUOTED}\n`,
    ),
  outlookDesktop: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\n________________________________\nFrom: Plein <plein@plein.example.org>\nSent: Saturday, December 5, 2026 9:41 AM\nTo: Jan de Vries <jan@example.org>\nSubject: Vraag over de planning\n\nMarie vroeg: Is de meeting morgen om tien uur?\n`,
    ),
  outlookDutch: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\nVan: Plein <plein@plein.example.org>\nVerzonden: zaterdag 5 december 2026 09:41\nAan: Jan de Vries <jan@example.org>\nOnderwerp: Vraag over de planning\n\nMarie vroeg: Is de meeting morgen om tien uur?\n`,
    ),
  outlookWeb: (a) =>
    alternative(
      a,
      `${NEW_TEXT}\n\n________________________________\nFrom: Plein <plein@plein.example.org>\nSent: Saturday, December 5, 2026 09:41\nTo: Jan de Vries\nSubject: Vraag\n\nMarie vroeg: Is de meeting morgen?\n`,
      '<div>Klopt, morgen om tien uur.</div><hr><div id="divRplyFwdMsg"><b>From:</b> Plein</div>',
    ),
  appleMail: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\n> On 5 Dec 2026, at 09:41, Plein <reply+x@plein.example.org> wrote:\n> \n${QUOTED}\n`,
    ),
  appleMailDutch: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\n> Op 5 dec. 2026 om 09:41 heeft Plein <plein@plein.example.org> het volgende geschreven:\n>\n${QUOTED}\n`,
    ),
  thunderbird: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\nOn 12/5/26 9:41 AM, Plein wrote:\n${QUOTED}\n\n-- \nJan de Vries\nAfdeling Planning\n`,
    ),
  thunderbirdDutch: (a) => plain(a, `${NEW_TEXT}\n\nOp 05-12-2026 om 09:41 schreef Plein:\n${QUOTED}\n`),
  iPhone: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\nSent from my iPhone\n\n> On 5 Dec 2026, at 09:41, Plein <plein@plein.example.org> wrote:\n${QUOTED}\n`,
    ),
  iPhoneDutch: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\nVerzonden vanaf mijn iPhone\n\n> Op 5 dec. 2026 om 09:41 heeft Plein het volgende geschreven:\n${QUOTED}\n`,
    ),
  android: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\n-------- Original message --------\nFrom: Plein <plein@plein.example.org>\nDate: 05/12/2026 09:41 (GMT+01:00)\nTo: jan@example.org\nSubject: Vraag\n\nMarie vroeg: Is de meeting morgen?\n`,
    ),
  outlookMobile: (a) =>
    plain(
      a,
      `${NEW_TEXT}\n\nGet Outlook for Android\n________________________________\nFrom: Plein\nSent: Saturday\n`,
    ),
};
