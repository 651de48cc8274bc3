import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { searchApi, searchKeys } from '../../api/search.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useFormat } from '../../i18n/format.js';
import { threadPath } from '../../lib/paths.js';

/** Whether waiting questions may be routed to me, and the ones that were. */
export function RoutingSetting() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const routing = useQuery({ queryKey: searchKeys.routing, queryFn: searchApi.routing });
  const save = useMutation({
    mutationFn: (optOut: boolean) => searchApi.setRouting(optOut),
    onSuccess: (updated) => client.setQueryData(searchKeys.routing, updated),
  });
  // Shown at once, in the render of the click, not when the request's pending state arrives (see LanguageSetting).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const optOut = chosen ?? routing.data?.optOut;
  return (
    <section className="card" aria-labelledby="routing-heading">
      <h2 id="routing-heading" className="card-title">
        {t('routing.title')}
      </h2>
      <p className="muted small">{t('routing.explain', { count: routing.data?.dailyLimit ?? 3 })}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={optOut === false}
          disabled={!routing.isSuccess}
          onChange={(event) => {
            const picked = !event.target.checked;
            setChosen(picked);
            save.mutate(picked, {
              onSettled: () => setChosen((current) => (current === picked ? null : current)),
            });
          }}
        />{' '}
        {t('routing.allow')}
      </label>
      <ErrorMessage error={routing.error ?? save.error} />
      {routing.data && routing.data.recent.length > 0 && (
        <>
          <h3 className="small">{t('routing.recent')}</h3>
          <ul className="small">
            {routing.data.recent.map((item) => (
              <li key={item.thread.id}>
                <Link to={threadPath(item.thread.id, item.thread.title)}>{item.thread.title}</Link>{' '}
                <span className="muted">
                  {format.date(item.routedAt)} ·{' '}
                  {item.answeredAt ? t('routing.answered') : t('routing.notAnswered')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
