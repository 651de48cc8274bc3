import { z } from 'zod';
import { Id, singleLine, Timestamp } from './common.js';

export const EVENT_LIMITS = { placeLength: 200, urlLength: 2000, maxDays: 14 } as const;

/** An IANA time zone the runtime knows, such as Europe/Amsterdam. */
const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** What an event thread adds to its create request. */
export const EventInput = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    /** The zone it is planned in; readers see the time in their own zone. */
    timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Amsterdam'),
    place: singleLine(
      z
        .string()
        .trim()
        .max(EVENT_LIMITS.placeLength, `must be at most ${EVENT_LIMITS.placeLength} characters`),
    ).default(''),
    onlineUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) link' })
      .max(EVENT_LIMITS.urlLength, `must be at most ${EVENT_LIMITS.urlLength} characters`)
      .nullable()
      .optional(),
  })
  .strict()
  .refine((event) => event.place.length > 0 || !!event.onlineUrl, {
    path: ['place'],
    message: 'give a place or an online link',
  });
export type EventInput = z.infer<typeof EventInput>;

export const RsvpAnswer = z.enum(['going', 'maybe', 'not']);
export const Rsvp = z.object({ answer: RsvpAnswer }).strict();
export type Rsvp = z.infer<typeof Rsvp>;

export const ThreadEvent = z.object({
  threadId: Id,
  startsAt: Timestamp,
  endsAt: Timestamp,
  timeZone: z.string(),
  place: z.string(),
  onlineUrl: z.string().nullable(),
  going: z.number().int(),
  maybe: z.number().int(),
  notGoing: z.number().int(),
  myAnswer: RsvpAnswer.nullable(),
  /** It has not ended and the thread is not removed. */
  canRsvp: z.boolean(),
});
export type ThreadEvent = z.infer<typeof ThreadEvent>;
