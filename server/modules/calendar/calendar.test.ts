import type { LightMyRequestResponse } from 'fastify';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, type TestCommunity } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, notificationsOf, expectRejected as rejected } from '../threads/testing.js';
import { icsOf } from './ics.js';
import { sendReminders } from './service.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2030-06-01T09:00:00Z'));
const HOUR = 3_600_000;
const person = () => actor(ctx.app, ctx.db.pool);
const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);
const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

beforeAll(async () => {
  ctx = await testApp({ clock, config: { publicUrl: 'https://plein.example.org' } });
});

const eventBody = (community: TestCommunity, event: Record<string, unknown> | undefined) => ({
  communitySlug: community.slug,
  kind: 'event',
  title: 'Quarterly session; Q3, with the board',
  body: 'Bring your questions.\nCoffee from 9.',
  event,
});

async function createEvent(author: Actor, community: TestCommunity, event: Record<string, unknown> = {}) {
  const response = await author.api.post(
    '/api/v1/threads',
    eventBody(community, {
      startsAt: at(3 * HOUR),
      endsAt: at(5 * HOUR),
      timeZone: 'Europe/Amsterdam',
      place: 'Utrecht, room 4.12',
      ...event,
    }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe('events', () => {
  it('takes RSVPs going, maybe and not, one answer per person, replaced when answered again', async () => {
    const author = await person();
    const anna = await person();
    const bram = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author, anna, bram] });
    const id = await createEvent(author, community);
    expect((await anna.api.get(`/api/v1/threads/${id}/event`)).json()).toMatchObject({
      startsAt: at(3 * HOUR),
      timeZone: 'Europe/Amsterdam',
      place: 'Utrecht, room 4.12',
      onlineUrl: null,
      going: 0,
      myAnswer: null,
      canRsvp: true,
    });
    await anna.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'maybe' });
    const answered = await anna.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'going' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ going: 1, maybe: 0, myAnswer: 'going' });
    await bram.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'not' });
    expect((await author.api.get(`/api/v1/threads/${id}/event`)).json()).toMatchObject({
      going: 1,
      maybe: 0,
      notGoing: 1,
      myAnswer: null,
    });
    expect((await bram.api.delete(`/api/v1/threads/${id}/rsvp`)).statusCode).toBe(204);
    expect((await author.api.get(`/api/v1/threads/${id}/event`)).json()).toMatchObject({ notGoing: 0 });
    await expectRejected(
      () => anna.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'perhaps' }),
      400,
      'answer',
    );
  });

  it('gives a valid RFC 5545 file that a calendar library reads back exactly', async () => {
    const author = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author] });
    const id = await createEvent(author, community, { onlineUrl: 'https://meet.example.org/q3' });
    const response = await author.api.get(`/api/v1/threads/${id}/event.ics`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['content-disposition']).toMatch(/^attachment/);
    expect(response.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(response.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(vevent.summary).toBe('Quarterly session; Q3, with the board');
    expect(vevent.location).toBe('Utrecht, room 4.12');
    expect(vevent.description).toContain('Bring your questions.\nCoffee from 9.');
    expect(vevent.uid).toBe(`thread-${id}@plein.example.org`);
    expect(vevent.startDate.toJSDate().toISOString()).toBe(at(3 * HOUR));
    expect(vevent.endDate.toJSDate().toISOString()).toBe(at(5 * HOUR));
  });

  it('folds long lines without splitting a character, and escapes text', () => {
    const ics = icsOf({
      uid: 'x@y',
      title: `Één ${'ë'.repeat(80)}, ; \\ done`,
      description: '',
      startsAt: new Date('2030-01-01T10:00:00Z'),
      endsAt: new Date('2030-01-01T11:00:00Z'),
      stampedAt: new Date('2030-01-01T09:00:00Z'),
      place: '',
      url: 'https://x.example',
    });
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe(`Één ${'ë'.repeat(80)}, ; \\ done`);
  });

  it('reminds those going or maybe once, an hour before the start (a controlled clock), not those who said no', async () => {
    const author = await person();
    const going = await person();
    const maybe = await person();
    const no = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author, going, maybe, no] });
    const id = await createEvent(author, community, { startsAt: at(3 * HOUR), endsAt: at(4 * HOUR) });
    await going.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'going' });
    await maybe.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'maybe' });
    await no.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'not' });
    const reminders = async (who: Actor) =>
      (await notificationsOf(ctx.db.pool, who.id)).filter(
        (n) => n.kind === 'event_reminder' && n.thread_id === id,
      );

    await sendReminders(ctx.deps);
    expect(await reminders(going)).toEqual([]); // three hours early: not yet
    clock.advance(2 * HOUR + 60_000);
    await sendReminders(ctx.deps);
    await sendReminders(ctx.deps); // a second tick sends nothing more
    expect(await reminders(going)).toHaveLength(1);
    expect(await reminders(maybe)).toHaveLength(1);
    expect(await reminders(no)).toEqual([]);
  });

  it('refuses events outside their limits, naming the field, storing nothing', async () => {
    const author = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author] });
    const post = (event: Record<string, unknown> | undefined) =>
      author.api.post('/api/v1/threads', eventBody(community, event));
    const ok = { startsAt: at(HOUR), endsAt: at(2 * HOUR), timeZone: 'Europe/Amsterdam', place: 'Here' };
    await expectRejected(() => post(undefined), 400, 'event');
    await expectRejected(() => post({ ...ok, place: '' }), 400, 'event.place');
    await expectRejected(() => post({ ...ok, timeZone: 'Mars/Olympus' }), 400, 'event.timeZone');
    await expectRejected(() => post({ ...ok, onlineUrl: 'javascript:alert(1)' }), 400, 'event.onlineUrl');
    await expectRejected(() => post({ ...ok, endsAt: at(HOUR - 1) }), 400, 'event.endsAt');
    await expectRejected(
      () => post({ ...ok, startsAt: at(-3 * HOUR), endsAt: at(-HOUR) }),
      400,
      'event.endsAt',
    );
    await expectRejected(() => post({ ...ok, endsAt: at(15 * 24 * HOUR) }), 400, 'event.endsAt');
    await expectRejected(() => post({ ...ok, place: 'x'.repeat(201) }), 400, 'event.place');
  });

  it('is as private as its community on every route, the .ics included', async () => {
    const author = await person();
    const outsider = await person();
    for (const [visibility, status] of [
      ['secret', 404],
      ['closed', 403],
    ] as const) {
      const community = await buildCommunity(ctx.db.pool, { visibility, members: [author] });
      const id = await createEvent(author, community);
      expect((await outsider.api.get(`/api/v1/threads/${id}/event`)).statusCode).toBe(status);
      const ics = await outsider.api.get(`/api/v1/threads/${id}/event.ics`);
      expect(ics.statusCode).toBe(status);
      expect(ics.body).not.toContain('Quarterly');
      await expectRejected(() => outsider.api.put(`/api/v1/threads/${id}/rsvp`, { answer: 'going' }), status);
      await expectRejected(() => outsider.api.delete(`/api/v1/threads/${id}/rsvp`), status);
    }
  });
});
