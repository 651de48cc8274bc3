import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/endpoints.js';
import { isNotFound } from '../api/http.js';
import { keys } from '../api/query-client.js';
import { useMe } from '../api/session.js';
import { Avatar } from '../components/Avatar.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';
import { PersonModeration } from '../components/moderation/PersonModeration.js';
import { ReportButton } from '../components/moderation/ReportButton.js';
import { Skeleton } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { usePageTitle } from '../lib/use-title.js';
import { NotFoundPage } from './NotFoundPage.js';
import { Activity } from './profile/Activity.js';
import { Contributions } from './profile/Contributions.js';
import { KnowsAbout } from './profile/KnowsAbout.js';
import { OrgChart } from './profile/OrgChart.js';
import { Praise } from './profile/Praise.js';

/** The time where someone is, ticking, so you know whether now is a good moment to ask them. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function ProfilePage() {
  const { t } = useTranslation();
  const handle = useParams().handle!;
  const me = useMe();
  const format = useFormat();
  const now = useNow();
  const client = useQueryClient();
  const person = useQuery({ queryKey: keys.person(handle), queryFn: () => api.people.get(handle) });
  usePageTitle(person.data?.name ?? (person.isError ? t('notFound.title') : null));
  const follow = useMutation({
    mutationFn: (on: boolean) => api.people.follow(handle, on),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.person(handle) }),
  });

  if (person.isPending) return <Skeleton lines={5} />;
  if (isNotFound(person.error)) return <NotFoundPage />;
  if (person.isError) return <ErrorMessage error={person.error} />;
  const p = person.data;
  const isMe = p.id === me.id;
  const localTime = format.timeIn(p.timeZone, now);

  return (
    <div className="with-aside profile">
      <div className="column">
        <section className="card profile-head">
          <Avatar person={p} size={88} />
          <div className="profile-who">
            <h1 className="profile-name">{p.name}</h1>
            {p.title && <p className="profile-title">{p.title}</p>}
            <div className="badges">
              {p.isLeader && <span className="badge role">{t('roles.leader')}</span>}
              {p.role !== 'member' && <span className="badge role">{t(`roles.${p.role}`)}</span>}
              {p.status === 'deactivated' && <span className="badge">{t('profile.deactivated')}</span>}
            </div>
            <ul className="facts-inline muted">
              {p.department && (
                <li>
                  <Icon name="groups" size={16} /> {p.department}
                </li>
              )}
              {p.location && (
                <li>
                  <Icon name="pin" size={16} /> {p.location}
                </li>
              )}
              {localTime && (
                <li>
                  <Icon name="clock" size={16} /> {t('profile.localTime', { time: localTime })}
                </li>
              )}
            </ul>
            <p className="muted small">
              {t('profile.followers', { count: p.followers, formatted: format.number(p.followers) })} ·{' '}
              {t('profile.following', { count: p.following, formatted: format.number(p.following) })}
            </p>
          </div>
          <div className="profile-actions">
            {isMe ? (
              <Link to="/settings" className="button secondary">
                {t('profile.edit')}
              </Link>
            ) : (
              <button
                type="button"
                className={p.followedByMe ? 'button secondary' : 'button primary'}
                aria-pressed={p.followedByMe}
                onClick={() => follow.mutate(!p.followedByMe)}
              >
                {p.followedByMe ? t('profile.followingButton') : t('profile.follow')}
              </button>
            )}
            {!isMe && (
              <ReportButton
                target={{ targetType: 'person', targetId: p.handle }}
                label={t('moderation.reportPerson')}
              />
            )}
            <PersonModeration person={p} subject="person" />
          </div>
          <ErrorMessage error={follow.error} />
        </section>
        {(p.bio || p.skills.length > 0) && (
          <section className="card">
            {p.bio && <p className="bio">{p.bio}</p>}
            {p.skills.length > 0 && (
              <>
                <h2 className="card-title">{t('profile.skills')}</h2>
                <ul className="chips" aria-label={t('profile.skills')}>
                  {p.skills.map((skill) => (
                    <li key={skill}>
                      <Link className="chip" to={`/people?skill=${encodeURIComponent(skill)}`}>
                        {skill}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
        {isMe && !p.bio && p.skills.length === 0 && (
          <section className="card">
            <p className="muted">{t('profile.emptyMine')}</p>
            <Link to="/settings" className="button primary">
              {t('profile.fillIn')}
            </Link>
          </section>
        )}
        <KnowsAbout handle={handle} />
        <Contributions handle={handle} />
        <Praise handle={handle} />
        <Activity handle={handle} name={p.name} />
      </div>
      <aside className="aside" aria-label={t('profile.orgChart')}>
        <OrgChart person={p} />
      </aside>
    </div>
  );
}
