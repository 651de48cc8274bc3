import type { z } from 'zod';
import type { LoginResult, LogoutResult, SessionInfo } from '../../../contract/auth.js';
import type {
  CommunitiesQuery,
  CommunityDetails,
  CommunitySummary,
  CreateCommunity,
  JoinRequest,
  Member,
  Membership,
  UpdateCommunity,
} from '../../../contract/communities.js';
import type { DemoPerson } from '../../../contract/demo.js';
import type { ActivityItem, CommunityFeedQuery, Hashtag } from '../../../contract/feed.js';
import type { Notification, UnreadCount } from '../../../contract/notifications.js';
import type { Me, PeopleQuery, PersonProfile, PersonSummary, UpdateMe } from '../../../contract/people.js';
import type { SiteInfo } from '../../../contract/site.js';
import type {
  CreateReply,
  CreateThread,
  ReactionKind,
  Reactor,
  Reply,
  ThreadDetail,
  ThreadSummary,
  ThreadView,
  UpdateThread,
} from '../../../contract/threads.js';
import { request } from './http.js';

/** What a request may send: the contract's input shape, before its defaults apply. */
type In<T extends z.ZodType> = z.input<T>;
type Out<T extends z.ZodType> = z.output<T>;
export type Page<T> = { items: T[]; nextCursor: string | null };
type Cursor = { cursor?: string; limit?: number };
/** A list query as the contract declares it, with the page size as a number (the server coerces strings). */
type ListQuery<T extends z.ZodType> = Omit<z.input<T>, 'limit'> & Cursor;

const get = <T>(path: string, query?: Record<string, string | number | boolean | undefined>) =>
  request<T>('GET', path, { query });
const send = <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  request<T>(method, path, { body });
const enc = encodeURIComponent;

/** The typed API client: one function per route the web uses, shaped by the contract in /contract. */
export const api = {
  site: () => get<SiteInfo>('/site'),
  auth: {
    login: (body: { email: string; password: string }) =>
      send<Out<typeof LoginResult>>('POST', '/auth/login', body),
    /** After single sign-on, the provider's address that signs the person out there too. */
    logout: () => send<Out<typeof LogoutResult> | undefined>('POST', '/auth/logout'),
    session: () => get<Out<typeof SessionInfo>>('/auth/session'),
  },
  demo: {
    people: (q?: string) => get<Page<DemoPerson>>('/demo/people', { q }),
    login: (handle: string) => send<Out<typeof LoginResult>>('POST', '/demo/login', { handle }),
  },
  me: {
    get: () => get<Me>('/me'),
    update: (body: In<typeof UpdateMe>) => send<Me>('PATCH', '/me', body),
  },
  people: {
    list: (query: ListQuery<typeof PeopleQuery>) => get<Page<PersonSummary>>('/people', query),
    get: (handle: string) => get<PersonProfile>(`/people/${enc(handle)}`),
    follow: (handle: string, on: boolean) =>
      send<void>(on ? 'PUT' : 'DELETE', `/people/${enc(handle)}/follow`),
    activity: (handle: string, query: Cursor) =>
      get<Page<ActivityItem>>(`/people/${enc(handle)}/activity`, query),
  },
  groups: {
    list: (query: ListQuery<typeof CommunitiesQuery>) => get<Page<CommunitySummary>>('/groups', query),
    get: (slug: string) => get<CommunityDetails>(`/groups/${enc(slug)}`),
    create: (body: In<typeof CreateCommunity>) => send<CommunityDetails>('POST', '/groups', body),
    update: (slug: string, body: In<typeof UpdateCommunity>) =>
      send<CommunityDetails>('PATCH', `/groups/${enc(slug)}`, body),
    threads: (slug: string, query: ListQuery<typeof CommunityFeedQuery>) =>
      get<Page<ThreadSummary>>(`/groups/${enc(slug)}/threads`, query),
    members: (slug: string, query: Cursor) => get<Page<Member>>(`/groups/${enc(slug)}/members`, query),
    /** Join (open), ask to join (closed), or as an owner add someone. */
    join: (slug: string, handle: string) =>
      send<Membership>('PUT', `/groups/${enc(slug)}/members/${enc(handle)}`),
    leave: (slug: string, handle: string) =>
      send<void>('DELETE', `/groups/${enc(slug)}/members/${enc(handle)}`),
    changeRole: (slug: string, handle: string, role: Member['role']) =>
      send<Member>('PATCH', `/groups/${enc(slug)}/members/${enc(handle)}`, { role }),
    requests: (slug: string) => get<Page<JoinRequest>>(`/groups/${enc(slug)}/requests`, { limit: 100 }),
    decide: (slug: string, id: string, decision: 'approve' | 'decline') =>
      send<JoinRequest>('POST', `/groups/${enc(slug)}/requests/${enc(id)}/${decision}`),
  },
  feed: {
    home: (query: Cursor) => get<Page<ThreadSummary>>('/feed', query),
    hashtag: (tag: string, query: Cursor) => get<Page<ThreadSummary>>(`/hashtags/${enc(tag)}/threads`, query),
  },
  hashtags: {
    get: (tag: string) => get<Out<typeof Hashtag>>(`/hashtags/${enc(tag)}`),
    follow: (tag: string, on: boolean) => send<void>(on ? 'PUT' : 'DELETE', `/hashtags/${enc(tag)}/follow`),
  },
  threads: {
    create: (body: In<typeof CreateThread>) => send<ThreadDetail>('POST', '/threads', body),
    /** The thread page in one request: the thread, its first `replies` replies and the files of both. */
    view: (id: string, replies: number) => get<ThreadView>(`/threads/${enc(id)}`, { replies }),
    update: (id: string, body: In<typeof UpdateThread>) =>
      send<ThreadDetail>('PATCH', `/threads/${enc(id)}`, body),
    remove: (id: string) => send<void>('DELETE', `/threads/${enc(id)}`),
    follow: (id: string, on: boolean) => send<void>(on ? 'PUT' : 'DELETE', `/threads/${enc(id)}/follow`),
    react: (id: string, kind: ReactionKind, on: boolean) =>
      send<void>(on ? 'PUT' : 'DELETE', `/threads/${enc(id)}/reactions/${kind}`),
    reactors: (id: string, query: Cursor) => get<Page<Reactor>>(`/threads/${enc(id)}/reactions`, query),
    accept: (id: string, replyId: string) =>
      send<ThreadDetail>('POST', `/threads/${enc(id)}/accept`, { replyId }),
    unaccept: (id: string) => send<void>('DELETE', `/threads/${enc(id)}/accept`),
    replies: (id: string, query: Cursor) => get<Page<Reply>>(`/threads/${enc(id)}/replies`, query),
    reply: (id: string, body: In<typeof CreateReply>) =>
      send<Reply>('POST', `/threads/${enc(id)}/replies`, body),
  },
  replies: {
    update: (id: string, body: string) => send<Reply>('PATCH', `/replies/${enc(id)}`, { body }),
    remove: (id: string) => send<void>('DELETE', `/replies/${enc(id)}`),
    react: (id: string, kind: ReactionKind, on: boolean) =>
      send<void>(on ? 'PUT' : 'DELETE', `/replies/${enc(id)}/reactions/${kind}`),
  },
  notifications: {
    list: (query: Cursor & { unread?: '1' }) => get<Page<Notification>>('/notifications', query),
    unreadCount: () => get<Out<typeof UnreadCount>>('/notifications/unread-count'),
    read: (id: string) => send<void>('POST', `/notifications/${enc(id)}/read`),
    readAll: (upTo?: string) => send<void>('POST', '/notifications/read-all', upTo ? { upTo } : {}),
  },
};
