import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonProfile, PersonSummary } from '../../../../contract/people.js';
import { Avatar } from '../../components/Avatar.js';
import { personPath } from '../../lib/paths.js';

function Node({ person, current = false }: { person: PersonSummary; current?: boolean }) {
  return (
    <div className={current ? 'org-node current' : 'org-node'} aria-current={current ? 'true' : undefined}>
      <Avatar person={person} size={28} />
      <span className="org-text">
        {current ? <strong>{person.name}</strong> : <Link to={personPath(person.handle)}>{person.name}</Link>}
        {person.title && <span className="muted small">{person.title}</span>}
      </span>
    </div>
  );
}

/** Manager above, the person, and their direct reports below: where someone sits, at a glance. */
export function OrgChart({ person }: { person: PersonProfile }) {
  const { t } = useTranslation();
  return (
    <section className="card org-chart">
      <h2 className="card-title">{t('profile.orgChart')}</h2>
      {person.manager && (
        <>
          <p className="org-label muted small">{t('profile.manager')}</p>
          <Node person={person.manager} />
          <div className="org-line" aria-hidden="true" />
        </>
      )}
      <Node person={person} current />
      {person.directReports.length > 0 && (
        <>
          <div className="org-line" aria-hidden="true" />
          <p className="org-label muted small">
            {t('profile.directReports', { count: person.directReports.length })}
          </p>
          <ul className="org-reports">
            {person.directReports.map((report) => (
              <li key={report.id}>
                <Node person={report} />
              </li>
            ))}
          </ul>
        </>
      )}
      {!person.manager && person.directReports.length === 0 && (
        <p className="muted small">{t('profile.noOrg')}</p>
      )}
    </section>
  );
}
