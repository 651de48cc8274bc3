import type { z } from 'zod';
import type { CreateInvitation, Invitation } from '../../../contract/invitations.js';
import type { UpdatePerson } from '../../../contract/people.js';
import type { AdminPeopleQuery, AdminPerson } from '../../../contract/people-admin.js';
import type { Page } from './endpoints.js';
import { request } from './http.js';

export type AdminPersonItem = z.output<typeof AdminPerson>;
export type AdminPeopleFilters = Omit<z.input<typeof AdminPeopleQuery>, 'cursor' | 'limit'>;

/** People administration (admins): the list, invitations, deactivation. One function per route. */
export const peopleAdminApi = {
  list: (filters: AdminPeopleFilters, cursor?: string) =>
    request<Page<AdminPersonItem>>('GET', '/admin/people', { query: { ...filters, cursor, limit: 25 } }),
  invite: (input: z.input<typeof CreateInvitation>) =>
    request<z.output<typeof Invitation>>('POST', '/admin/invitations', { body: input }),
  update: (handle: string, changes: z.input<typeof UpdatePerson>) =>
    request<unknown>('PATCH', `/people/${encodeURIComponent(handle)}`, { body: changes }),
  setStatus: (handle: string, status: 'active' | 'deactivated') =>
    request<unknown>('PATCH', `/people/${encodeURIComponent(handle)}`, { body: { status } }),
};

export const peopleAdminKeys = {
  all: ['admin-people'] as const,
  list: (filters: AdminPeopleFilters) => ['admin-people', filters] as const,
};
