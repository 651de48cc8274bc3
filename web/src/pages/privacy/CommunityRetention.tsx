import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionAction } from '../../../../contract/privacy.js';
import { privacyApi, privacyKeys } from '../../api/privacy.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { ActionChoice } from './RetentionForm.js';

/** Communities with a content period of their own, overriding the organisation's (admins only; audited). */
export function CommunityRetention() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const policy = useQuery({ queryKey: privacyKeys.retention, queryFn: privacyApi.retention });
  const [slug, setSlug] = useState('');
  const [days, setDays] = useState('');
  const [action, setAction] = useState<RetentionAction>('delete');
  const refresh = () => {
    void client.invalidateQueries({ queryKey: privacyKeys.retention });
    void client.invalidateQueries({ queryKey: privacyKeys.preview });
  };
  const set = useMutation({
    // An empty period keeps the community's threads, whatever the organisation's period says.
    mutationFn: () =>
      privacyApi.setCommunityRetention(slug.trim(), { days: days ? Number(days) : null, action }),
    onSuccess: () => {
      setSlug('');
      setDays('');
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: privacyApi.removeCommunityRetention, onSuccess: refresh });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set.mutate();
  };
  const errors = (set.error as { fieldErrors?: Record<string, string> } | null)?.fieldErrors ?? {};
  const items = policy.data?.communities ?? [];
  return (
    <section className="card" aria-labelledby="community-retention-heading">
      <h2 id="community-retention-heading" className="card-title">
        {t('privacy.communityRetention.title')}
      </h2>
      <p className="muted small">{t('privacy.communityRetention.explain')}</p>
      <ErrorMessage error={remove.error} />
      {policy.data && items.length === 0 && <p className="muted">{t('privacy.communityRetention.none')}</p>}
      <ul className="plain-list" data-testid="community-retention">
        {items.map((item) => (
          <li key={item.community.slug} className="row">
            <span>
              <strong>{item.community.name}</strong>{' '}
              <span className="muted small">
                {item.days === null
                  ? t('privacy.communityRetention.kept')
                  : t('privacy.communityRetention.period', {
                      count: item.days,
                      action: t(`privacy.retention.actions.${item.action}`),
                    })}
              </span>
            </span>
            <button
              type="button"
              className="button secondary"
              disabled={remove.isPending}
              aria-label={t('privacy.communityRetention.removeFor', { name: item.community.name })}
              onClick={() => remove.mutate(item.community.slug)}
            >
              {t('privacy.communityRetention.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('privacy.holds.slug')} error={errors.slug}>
          <input name="retention-community" value={slug} onChange={(event) => setSlug(event.target.value)} />
        </Field>
        <Field
          label={t('privacy.retention.days')}
          hint={t('privacy.communityRetention.daysHint')}
          error={errors.days}
        >
          <input
            type="number"
            name="retention-community-days"
            min={1}
            inputMode="numeric"
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        </Field>
        <ActionChoice name="community-action" value={action} onChange={setAction} />
        <ErrorMessage error={set.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={set.isPending || !slug.trim()}>
            {t('privacy.communityRetention.set')}
          </button>
        </div>
      </form>
    </section>
  );
}
