import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invitationApi } from '../../api/invitations.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

/** "Mail me a sign-in link": the same answer whether or not the address is known. */
export function MagicLinkForm() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: () => invitationApi.requestLink(email.trim()) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <form className="card login-form" onSubmit={submit} aria-labelledby="magic-link-heading">
      <h2 id="magic-link-heading">{t('magicLink.heading')}</h2>
      <Field label={t('magicLink.email')}>
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      {request.isSuccess ? (
        <p role="status">{t('magicLink.sent')}</p>
      ) : (
        <ErrorMessage error={request.error} />
      )}
      <button type="submit" className="button primary wide" disabled={request.isPending}>
        {t('magicLink.send')}
      </button>
    </form>
  );
}
