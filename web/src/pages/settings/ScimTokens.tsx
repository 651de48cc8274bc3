import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scimApi, scimKeys } from '../../api/scim.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { useFormat } from '../../i18n/format.js';

/** Admins: the tokens Entra ID, Okta and the like provision people with — created (shown once), listed, revoked. */
export function ScimTokens() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: scimKeys.tokens, queryFn: scimApi.tokens });
  const [name, setName] = useState('');
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (tokenName: string) => scimApi.create(tokenName),
    onSuccess: (created) => {
      setShown({ name: created.name, token: created.token });
      setCopied(false);
      setName('');
      void client.invalidateQueries({ queryKey: scimKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => scimApi.revoke(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: scimKeys.tokens }),
  });
  const scimUrl = `${window.location.origin}/scim/v2`;
  return (
    <section className="card" aria-labelledby="scim-heading">
      <h2 id="scim-heading" className="card-title">
        {t('scimTokens.title')}
      </h2>
      <p className="muted small">{t('scimTokens.explain', { url: scimUrl })}</p>
      {shown && (
        <div className="notice" role="status">
          <p>{t('scimTokens.showOnce', { name: shown.name })}</p>
          <code className="secret" data-testid="scim-token">
            {shown.token}
          </code>{' '}
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(shown.token).then(() => setCopied(true));
            }}
          >
            {copied ? t('scimTokens.copied') : t('scimTokens.copy')}
          </button>
        </div>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) create.mutate(name.trim());
        }}
      >
        <Field label={t('scimTokens.name')} hint={t('scimTokens.nameHint')}>
          <input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        </Field>
        <button type="submit" className="button primary" disabled={create.isPending || !name.trim()}>
          {t('scimTokens.create')}
        </button>
        <ErrorMessage error={create.error} />
      </form>
      <ErrorMessage error={tokens.error ?? revoke.error} />
      {tokens.data && tokens.data.items.length === 0 && <p className="muted small">{t('scimTokens.none')}</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <ul className="small">
          {tokens.data.items.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong>{' '}
              <span className="muted">
                {t('scimTokens.created', { date: format.date(token.createdAt) })} ·{' '}
                {token.lastUsedAt
                  ? t('scimTokens.lastUsed', { date: format.date(token.lastUsedAt) })
                  : t('scimTokens.neverUsed')}
              </span>{' '}
              <button
                type="button"
                className="button secondary"
                disabled={revoke.isPending}
                onClick={() => {
                  if (window.confirm(t('scimTokens.revokeConfirm', { name: token.name })))
                    revoke.mutate(token.id);
                }}
              >
                {t('scimTokens.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
