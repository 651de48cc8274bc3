import type { Ama } from '../../../contract/amas.js';
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
