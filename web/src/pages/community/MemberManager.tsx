import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../contract/communities.js';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import { Avatar } from '../../components/Avatar.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { PersonLink } from '../../components/PersonLink.js';

/** Add people, make members owners (or back), remove them; the server keeps at least one owner. */
export function MemberManager({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [handle, setHandle] = useState('');
  const members = useInfiniteQuery({
    queryKey: keys.groupMembers(slug),
    queryFn: ({ pageParam }) => api.groups.members(slug, { cursor: pageParam, limit: 100 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.groupMembers(slug) }),
      client.invalidateQueries({ queryKey: keys.group(slug) }),
    ]);
  const add = useMutation({
    mutationFn: () => api.groups.join(slug, handle.trim().replace(/^@/, '')),
    onSuccess: async () => {
      setHandle('');
      await refresh();
    },
  });
  const change = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Member['role'] }) =>
      api.groups.changeRole(slug, member.person.handle, role),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (member: Member) => api.groups.leave(slug, member.person.handle),
    onSuccess: refresh,
  });
  const list = members.data?.pages.flatMap((page) => page.items) ?? [];
  const addMember = (event: FormEvent) => {
    event.preventDefault();
    if (handle.trim()) add.mutate();
  };
  return (
    <section className="card">
      <h2 className="card-title">{t('manage.members')}</h2>
      <form className="row add-member" onSubmit={addMember}>
        <Field label={t('manage.addMember')} hint={t('manage.addMemberHint')}>
          <input value={handle} onChange={(event) => setHandle(event.target.value)} autoComplete="off" />
        </Field>
        <button type="submit" className="button secondary" disabled={add.isPending}>
          {t('manage.add')}
        </button>
      </form>
      <ErrorMessage error={add.error ?? change.error ?? remove.error ?? members.error} />
      <ul className="plain-list">
        {list.map((member) => (
          <li key={member.person.id} className="row">
            <Avatar person={member.person} size={32} />
            <div className="grow">
              <PersonLink person={member.person} />
              <div className="muted small">{member.person.title}</div>
            </div>
            <label className="visually-hidden" htmlFor={`role-${member.person.id}`}>
              {t('manage.roleOf', { name: member.person.name })}
            </label>
            <select
              id={`role-${member.person.id}`}
              value={member.role}
              onChange={(event) => change.mutate({ member, role: event.target.value as Member['role'] })}
            >
              <option value="member">{t('community.role.member')}</option>
              <option value="owner">{t('community.role.owner')}</option>
            </select>
            <button
              type="button"
              className="button secondary small danger-text"
              onClick={() => remove.mutate(member)}
              aria-label={t('manage.removeMember', { name: member.person.name })}
            >
              {t('manage.remove')}
            </button>
          </li>
        ))}
      </ul>
      {members.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void members.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
