import type { EditHistory } from '../../../contract/edit-history.js';
import { request } from './http.js';

const enc = encodeURIComponent;

/** A post's earlier versions, newest first, a page at a time. */
export const editHistoryApi = {
  versions: (post: { kind: 'thread' | 'reply'; id: string }, cursor?: string) =>
    request<EditHistory>(
      'GET',
      `/${post.kind === 'thread' ? 'threads' : 'replies'}/${enc(post.id)}/history`,
      { query: { cursor } },
    ),
};

export const editHistoryKeys = {
  versions: (kind: 'thread' | 'reply', id: string) => ['edit-history', kind, id] as const,
};
