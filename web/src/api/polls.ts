import type { Ama } from '../../../contract/amas.js';
import type { ThreadEvent } from '../../../contract/calendar.js';
import type { Poll } from '../../../contract/polls.js';
import { request } from './http.js';

const enc = encodeURIComponent;

/** The contract's poll and AMA limits, for the browser without shipping zod (polls.test.ts compares them). */
export const POLL_LIMITS = { minOptions: 2, maxOptions: 20, optionLength: 200 } as const;
export const AMA_LIMITS = { questionLength: 1000, maxDays: 31, maxQuestions: 500 } as const;

export const pollKeys = {
  poll: (threadId: string) => ['poll', threadId] as const,
  ama: (threadId: string) => ['ama', threadId] as const,
};

export const pollsApi = {
  get: (threadId: string) => request<Poll>('GET', `/threads/${enc(threadId)}/poll`),
  vote: (threadId: string, optionIds: string[]) =>
    request<Poll>('PUT', `/threads/${enc(threadId)}/poll/vote`, { body: { optionIds } }),
  withdraw: (threadId: string) => request<void>('DELETE', `/threads/${enc(threadId)}/poll/vote`),
};

export const amasApi = {
  get: (threadId: string) => request<Ama>('GET', `/threads/${enc(threadId)}/ama`),
  ask: (threadId: string, body: string) =>
    request<Ama>('POST', `/threads/${enc(threadId)}/ama/questions`, { body: { body } }),
  vote: (questionId: string, on: boolean) =>
    request<void>(on ? 'PUT' : 'DELETE', `/ama-questions/${enc(questionId)}/vote`),
  answer: (questionId: string, body: string) =>
    request<Ama>('POST', `/ama-questions/${enc(questionId)}/answer`, { body: { body } }),
};

export const EVENT_LIMITS = { placeLength: 200, urlLength: 2000, maxDays: 14 } as const;

export const eventKeys = { event: (threadId: string) => ['event', threadId] as const };

export const eventsApi = {
  get: (threadId: string) => request<ThreadEvent>('GET', `/threads/${enc(threadId)}/event`),
  rsvp: (threadId: string, answer: ThreadEvent['myAnswer'] & string) =>
    request<ThreadEvent>('PUT', `/threads/${enc(threadId)}/rsvp`, { body: { answer } }),
  withdraw: (threadId: string) => request<void>('DELETE', `/threads/${enc(threadId)}/rsvp`),
  /** The calendar file; a plain link, so the browser downloads it with the session cookie. */
  icsUrl: (threadId: string) => `/api/v1/threads/${enc(threadId)}/event.ics`,
};
