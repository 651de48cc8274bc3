import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.js';
import { peopleAdminApi } from '../../api/people-admin.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

/** Admins invite one person by email: created at once, mailed a one-use link (through the outbox without SMTP). */
export function InvitePerson({ onInvited }: { onInvited: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () => peopleAdminApi.invite({ name: name.trim(), email: email.trim() }),
    onSuccess: (invitation) => {
      setSentTo(invitation.email);
      setName('');
      setEmail('');
      onInvited();
    },
  });
  const fieldErrors = invite.error instanceof ApiError ? invite.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSentTo(null);
    invite.mutate();
  };
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="card-title">
        {t('adminPeople.inviteTitle')}
      </h2>
      <form className="admin-people-invite" onSubmit={submit}>
        <Field label={t('adminPeople.inviteName')} error={fieldErrors.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </Field>
        <Field label={t('adminPeople.inviteEmail')} error={fieldErrors.email}>
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            maxLength={254}
          />
        </Field>
        <button type="submit" className="button primary" disabled={invite.isPending}>
          {t('adminPeople.invite')}
        </button>
      </form>
      <ErrorMessage error={invite.error} />
      {sentTo && (
        <p className="notice" role="status">
          {t('adminPeople.invited', { email: sentTo })}
        </p>
      )}
    </section>
  );
}
