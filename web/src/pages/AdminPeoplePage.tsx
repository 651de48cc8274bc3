import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AdminPeopleFilters, peopleAdminApi, peopleAdminKeys } from '../api/people-admin.js';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { SkeletonList } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { usePageTitle } from '../lib/use-title.js';
import { InvitePerson } from './people/InvitePerson.js';
import { PersonRow } from './people/PersonRow.js';
import './people/admin-people.css';

const STATUSES = ['active', 'pending', 'deactivated'] as const;
const SOURCES = ['scim', 'sso', 'invite', 'import', 'demo', 'admin', 'bootstrap', 'unknown'] as const;

/** Admins: everyone, how they came in, when they last signed in; invite, edit, deactivate and reactivate. */
export function AdminPeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('adminPeople.title'));
  const me = useMe();
  const format = useFormat();
  const client = useQueryClient();
  const [draft, setDraft] = useState<{ q: string; status: string; source: string }>({
    q: '',
    status: '',
    source: '',
  });
  const [filters, setFilters] = useState<AdminPeopleFilters>({});
  const people = useInfiniteQuery({
    queryKey: peopleAdminKeys.list(filters),
    queryFn: ({ pageParam }) => peopleAdminApi.list(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const setStatus = useMutation({
    mutationFn: (input: { handle: string; status: 'active' | 'deactivated' }) =>
      peopleAdminApi.setStatus(input.handle, input.status),
    onSuccess: () => void client.invalidateQueries({ queryKey: peopleAdminKeys.all }),
  });
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({
      q: draft.q.trim() || undefined,
      status: (draft.status || undefined) as AdminPeopleFilters['status'],
      source: (draft.source || undefined) as AdminPeopleFilters['source'],
    });
  };
  return (
    <div className="column">
      <div className="page-head">
        <h1 className="page-title">{t('adminPeople.title')}</h1>
        <Link className="button secondary" to="/admin/outbox">
          {t('adminPeople.outbox')}
        </Link>
      </div>
      <p className="muted">{t('adminPeople.intro')}</p>
      <InvitePerson onInvited={() => void client.invalidateQueries({ queryKey: peopleAdminKeys.all })} />
      <form className="admin-people-filters" onSubmit={apply}>
        <Field label={t('adminPeople.search')}>
          <input type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </Field>
        <Field label={t('adminPeople.statusFilter')}>
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('adminPeople.any')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`adminPeople.statuses.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('adminPeople.sourceFilter')}>
          <select value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })}>
            <option value="">{t('adminPeople.any')}</option>
            {SOURCES.map((source) => (
              <option key={source} value={source}>
                {t(`adminPeople.sources.${source}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button primary">
          {t('adminPeople.apply')}
        </button>
      </form>
      <ErrorMessage error={people.error ?? setStatus.error} />
      {people.isPending && <SkeletonList count={3} />}
      {people.isSuccess && items.length === 0 && <EmptyState icon="search" title={t('adminPeople.empty')} />}
      {items.length > 0 && (
        <div className="admin-people-scroll">
          <table className="admin-people-table">
            <caption className="visually-hidden">{t('adminPeople.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminPeople.person')}</th>
                <th scope="col">{t('adminPeople.source')}</th>
                <th scope="col">{t('adminPeople.status')}</th>
                <th scope="col">{t('adminPeople.lastSignIn')}</th>
                <th scope="col">{t('adminPeople.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  self={person.handle === me.handle}
                  busy={setStatus.isPending}
                  onStatus={(status) => setStatus.mutate({ handle: person.handle, status })}
                  onSaved={() => void client.invalidateQueries({ queryKey: peopleAdminKeys.all })}
                  format={format}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {people.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void people.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
