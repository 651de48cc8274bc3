import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, MailDefaults } from '../../../contract/mail.js';
import { CHANNELS, DIGESTS, MAIL_KINDS, mailApi, mailKeys } from '../api/mail.js';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { Skeleton } from '../components/Skeleton.js';
import { usePageTitle } from '../lib/use-title.js';

/** Admins: what everyone is mailed until they choose for themselves. */
export function AdminMailDefaultsPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('mail.defaults.title'));
  const allowed = me.role === 'admin';
  const defaults = useQuery({ queryKey: mailKeys.defaults, queryFn: mailApi.defaults, enabled: allowed });
  if (!allowed) {
    return (
      <div className="column narrow">
        <EmptyState icon="lock" title={t('mail.defaults.title')}>
          {t('mail.defaults.notAllowed')}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="column narrow">
      <h1 className="page-title">{t('mail.defaults.title')}</h1>
      <p className="muted">{t('mail.defaults.intro')}</p>
      {defaults.isPending && <Skeleton lines={4} />}
      <ErrorMessage error={defaults.error} />
      {defaults.data && <DefaultsForm stored={defaults.data} />}
    </div>
  );
}

function DefaultsForm({ stored }: { stored: MailDefaults }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState(stored);
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(stored), [stored]);
  const save = useMutation({
    mutationFn: () => mailApi.updateDefaults(form),
    onSuccess: (updated) => {
      client.setQueryData(mailKeys.defaults, updated);
      // People without their own choice now have these.
      void client.invalidateQueries({ queryKey: mailKeys.preferences });
      setSaved(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const change = (next: MailDefaults) => {
    setSaved(false);
    setForm(next);
  };
  return (
    <form className="card form" onSubmit={submit} noValidate>
      <fieldset className="radio-group">
        <legend className="card-title">{t('mail.settings.kindsLegend')}</legend>
        {MAIL_KINDS.map((kind) => (
          <Field key={kind} label={t(`mail.kinds.${kind}`)}>
            <select
              name={`default-${kind}`}
              value={form.kinds[kind]}
              onChange={(event) =>
                change({ ...form, kinds: { ...form.kinds, [kind]: event.target.value as Channel } })
              }
            >
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`mail.channels.${channel}`)}
                </option>
              ))}
            </select>
          </Field>
        ))}
      </fieldset>
      <fieldset className="radio-group">
        <legend className="card-title">{t('mail.settings.digestLegend')}</legend>
        {DIGESTS.map((frequency) => (
          <label key={frequency} className="radio">
            <input
              type="radio"
              name="default-digest"
              value={frequency}
              checked={form.digest === frequency}
              onChange={() => change({ ...form, digest: frequency })}
            />
            {t(`mail.digest.${frequency}`)}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={save.error} />
      {saved && (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('mail.defaults.save')}
        </button>
      </div>
    </form>
  );
}
