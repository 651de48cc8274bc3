import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyApi, privacyKeys } from '../../api/privacy.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { useFormat } from '../../i18n/format.js';

export function LegalHolds() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const holds = useQuery({ queryKey: privacyKeys.holds, queryFn: privacyApi.holds });
  const [targetType, setTargetType] = useState<'person' | 'community'>('person');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [releasing, setReleasing] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: privacyKeys.holds });
    void client.invalidateQueries({ queryKey: privacyKeys.preview });
  };
  const place = useMutation({
    mutationFn: () =>
      privacyApi.placeHold({
        targetType,
        ...(targetType === 'person' ? { handle: target.trim() } : { slug: target.trim() }),
        reason,
      }),
    onSuccess: () => {
      setTarget('');
      setReason('');
      refresh();
    },
  });
  const release = useMutation({ mutationFn: (id: string) => privacyApi.releaseHold(id), onSuccess: refresh });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    place.mutate();
  };
  const errors = (place.error as { fieldErrors?: Record<string, string> } | null)?.fieldErrors ?? {};
  return (
    <section className="card" aria-labelledby="holds-heading">
      <h2 id="holds-heading" className="card-title">
        {t('privacy.holds.title')}
      </h2>
      <p className="muted small">{t('privacy.holds.explain')}</p>
      <ErrorMessage error={holds.error ?? release.error} />
      {holds.data?.items.length === 0 && <p className="muted">{t('privacy.holds.none')}</p>}
      <ul className="plain-list">
        {holds.data?.items.map((hold) => (
          <li key={hold.id} className="row">
            <span>
              <strong>{hold.target.name}</strong> ({hold.target.handle ?? hold.target.slug}) — {hold.reason}
              <span className="muted small">
                {' '}
                {t('privacy.holds.placedBy', {
                  handle: hold.placedBy ?? '—',
                  date: format.date(hold.placedAt),
                })}
              </span>
            </span>
            <button
              type="button"
              className="button secondary"
              onClick={() => setReleasing({ id: hold.id, name: hold.target.name })}
            >
              {t('privacy.holds.release')}
            </button>
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="radio-group">
          <legend>{t('privacy.holds.targetType')}</legend>
          {(['person', 'community'] as const).map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="hold-target-type"
                value={option}
                checked={targetType === option}
                onChange={() => setTargetType(option)}
              />
              {t(`privacy.holds.${option}`)}
            </label>
          ))}
        </fieldset>
        <Field
          label={t(targetType === 'person' ? 'privacy.holds.handle' : 'privacy.holds.slug')}
          error={errors.handle ?? errors.slug}
        >
          <input name="hold-target" value={target} onChange={(event) => setTarget(event.target.value)} />
        </Field>
        <Field label={t('privacy.holds.reason')} error={errors.reason}>
          <input name="hold-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <ErrorMessage error={place.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={place.isPending}>
            {t('privacy.holds.place')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={releasing !== null}
        title={t('privacy.holds.releaseTitle')}
        message={t('privacy.holds.releaseMessage', { name: releasing?.name ?? '' })}
        confirm={t('privacy.holds.release')}
        onConfirm={() => releasing && release.mutate(releasing.id)}
        onClose={() => setReleasing(null)}
      />
    </section>
  );
}
