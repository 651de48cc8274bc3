import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminPersonItem } from '../../api/people-admin.js';
import type { useFormat } from '../../i18n/format.js';
import { EditPerson } from './EditPerson.js';

/** One person in the admins' list: who, how they came in, their state, and the deactivate/reactivate button. */
export function PersonRow({
  person,
  self,
  busy,
  onStatus,
  onSaved,
  format,
}: {
  person: AdminPersonItem;
  self: boolean;
  busy: boolean;
  onStatus: (status: 'active' | 'deactivated') => void;
  onSaved: () => void;
  format: ReturnType<typeof useFormat>;
}) {
  const { t } = useTranslation();
  const deactivated = person.status === 'deactivated';
  return (
    <tr data-handle={person.handle}>
      <td>
        <Link to={`/u/${person.handle}`}>{person.name}</Link>
        <div className="muted small">{person.email ?? t('adminPeople.noEmail')}</div>
      </td>
      <td>
        <span className="badges">
          <span className="badge">{t(`adminPeople.sources.${person.provisionedVia}`)}</span>
          {person.scimManaged && <span className="badge role">{t('adminPeople.scimManaged')}</span>}
        </span>
        {person.provisionedAt && (
          <div className="muted small">
            <time dateTime={person.provisionedAt}>{format.date(person.provisionedAt)}</time>
          </div>
        )}
      </td>
      <td>
        {t(`adminPeople.statuses.${person.status}`)}
        {person.invitation && (
          <div className="muted small">{t(`adminPeople.invitation.${person.invitation.status}`)}</div>
        )}
      </td>
      <td>
        {person.lastSignInAt ? (
          <time dateTime={person.lastSignInAt}>{format.dateTime(person.lastSignInAt)}</time>
        ) : (
          t('adminPeople.never')
        )}
      </td>
      <td>
        <EditPerson person={person} onSaved={onSaved} />{' '}
        {self ? (
          <span className="muted small">{t('adminPeople.you')}</span>
        ) : (
          <button
            type="button"
            className={deactivated ? 'button secondary' : 'button secondary danger-text'}
            disabled={busy}
            onClick={() => onStatus(deactivated ? 'active' : 'deactivated')}
            aria-label={t(deactivated ? 'adminPeople.reactivateName' : 'adminPeople.deactivateName', {
              name: person.name,
            })}
          >
            {t(deactivated ? 'adminPeople.reactivate' : 'adminPeople.deactivate')}
          </button>
        )}
        {person.scimManaged && <div className="muted small">{t('adminPeople.scimNote')}</div>}
      </td>
    </tr>
  );
}
