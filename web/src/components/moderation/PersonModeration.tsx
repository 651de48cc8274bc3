import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayModerate, moderationApi } from '../../api/moderation.js';
import { useMe } from '../../api/session.js';
import { Field } from '../Field.js';
import { ModerationDialog } from './ModerationDialog.js';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Warn or suspend a person, for admins and community managers (never themselves): from a thread or a profile. */
export function PersonModeration({
  person,
  subject,
}: {
  person: { handle: string; name: string };
  subject: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [until, setUntil] = useState(inAWeek);
  if (!mayModerate(me) || me.handle === person.handle) return null;
  return (
    <>
      <ModerationDialog
        label={t(`moderation.people.warn.${subject}`)}
        title={t('moderation.people.warnTitle', { name: person.name })}
        confirm={t('moderation.actions.warn')}
        act={(decision) => moderationApi.warn(person.handle, decision)}
      />
      <ModerationDialog
        label={t(`moderation.people.suspend.${subject}`)}
        title={t('moderation.people.suspendTitle', { name: person.name })}
        confirm={t('moderation.actions.suspend')}
        extra={
          <Field label={t('moderation.suspendUntil')}>
            <input type="date" required value={until} onChange={(event) => setUntil(event.target.value)} />
          </Field>
        }
        act={(decision) =>
          moderationApi.suspend(person.handle, {
            ...decision,
            until: new Date(`${until}T00:00:00Z`).toISOString(),
          })
        }
      />
    </>
  );
}
