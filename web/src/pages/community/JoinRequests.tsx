import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import { Avatar } from '../../components/Avatar.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { PersonLink } from '../../components/PersonLink.js';
import { useFormat } from '../../i18n/format.js';

export function JoinRequests({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const requests = useQuery({ queryKey: keys.groupRequests(slug), queryFn: () => api.groups.requests(slug) });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'decline' }) =>
      api.groups.decide(slug, id, decision),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.groupRequests(slug) }),
        client.invalidateQueries({ queryKey: keys.groupMembers(slug) }),
        client.invalidateQueries({ queryKey: keys.group(slug) }),
      ]),
  });
  const pending = requests.data?.items ?? [];
  return (
    <section className="card">
      <h2 className="card-title">{t('manage.requests')}</h2>
      <ErrorMessage error={requests.error ?? decide.error} />
      {requests.isSuccess && pending.length === 0 && <p className="muted">{t('manage.noRequests')}</p>}
      <ul className="plain-list">
        {pending.map((request) => (
          <li key={request.id} className="row">
            <Avatar person={request.person} size={32} />
            <div className="grow">
              <PersonLink person={request.person} />
              <div className="muted small">{format.relative(request.createdAt)}</div>
              {request.message && <p className="small">{request.message}</p>}
            </div>
            <button
              type="button"
              className="button primary small"
              onClick={() => decide.mutate({ id: request.id, decision: 'approve' })}
            >
              {t('manage.approve')}
            </button>
            <button
              type="button"
              className="button secondary small"
              onClick={() => decide.mutate({ id: request.id, decision: 'decline' })}
            >
              {t('manage.decline')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
