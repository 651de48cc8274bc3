import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { mayUseAnalytics } from '../api/analytics.js';
import { useLiveStream } from '../api/live.js';
import { mayModerate } from '../api/moderation.js';
import { useSession } from '../api/session.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';
import { SearchBox } from '../components/SearchBox.js';
import { AccountMenu } from './AccountMenu.js';
import { Logo } from './Logo.js';
import { MoreMenu, type NavItem } from './MoreMenu.js';
import { NotificationBell } from './NotificationBell.js';

/** The frame of every signed-in page: header, navigation (a bottom bar on phones), and the live stream. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  useLiveStream(Boolean(session.data));

  if (session.isPending) {
    return (
      <div className="boot" role="status">
        <Logo />
        <span className="muted">{t('common.loading')}</span>
      </div>
    );
  }
  if (session.isError) {
    return (
      <main className="boot">
        <Logo />
        <ErrorMessage error={session.error} />
        <button type="button" className="button primary" onClick={() => void session.refetch()}>
          {t('common.tryAgain')}
        </button>
      </main>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }

  const me = session.data.me;
  const links: NavItem[] = [
    { to: '/', icon: 'home', label: t('nav.home'), end: true },
    { to: '/groups', icon: 'groups', label: t('nav.communities') },
    { to: '/themes', icon: 'pin', label: t('themes.nav') },
    { to: '/questions/unanswered', icon: 'reply', label: t('qa.nav') },
    { to: '/goals', icon: 'target', label: t('goals.nav') },
    { to: '/people', icon: 'people', label: t('nav.people') },
  ];
  const more: NavItem[] = [
    { to: '/experts', icon: 'search', label: t('experts.nav') },
    ...(mayUseAnalytics(me) ? [{ to: '/analytics', icon: 'chart' as const, label: t('analytics.nav') }] : []),
    ...(me.role === 'admin' || me.role === 'community_manager'
      ? [
          { to: '/admin/communities', icon: 'settings' as const, label: t('adminCommunities.nav') },
          { to: '/admin/files', icon: 'settings' as const, label: t('attachments.limits.nav') },
        ]
      : []),
    ...(mayModerate(me) ? [{ to: '/moderation', icon: 'check' as const, label: t('moderation.nav') }] : []),
    ...(me.role === 'admin'
      ? [
          { to: '/admin/people', icon: 'people' as const, label: t('adminPeople.nav') },
          { to: '/admin/outbox', icon: 'bell' as const, label: t('mail.outbox.nav') },
          { to: '/admin/mail', icon: 'settings' as const, label: t('mail.defaults.nav') },
          { to: '/admin/audit', icon: 'settings' as const, label: t('audit.nav') },
          { to: '/admin/privacy', icon: 'lock' as const, label: t('privacy.admin.nav') },
          { to: '/admin/moderation', icon: 'settings' as const, label: t('moderation.filters.nav') },
          { to: '/admin/import', icon: 'settings' as const, label: t('import.nav') },
        ]
      : []),
  ];
  // A phone's bottom bar holds four places and "More"; the rest, the profile included, sit behind "More".
  const onPhoneBar = links.slice(0, 4);
  const onPhoneMore = [
    ...links.slice(4),
    ...more,
    { to: `/u/${me.handle}`, icon: 'people' as const, label: t('nav.profile') },
  ];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand" aria-label={t('nav.homeOfPlein')}>
            <Logo />
          </Link>
          <nav className="primary-nav" aria-label={t('nav.main')}>
            {links.map((link) => (
              <NavLink key={link.to} to={link.to} end={link.end} className="nav-link">
                <Icon name={link.icon} />
                <span>{link.label}</span>
              </NavLink>
            ))}
            <MoreMenu items={more} placement="top" />
          </nav>
          <div className="topbar-actions">
            <SearchBox />
            <NotificationBell />
            <AccountMenu me={me} />
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <nav className="bottom-nav" aria-label={t('nav.mainMobile')}>
        {onPhoneBar.map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end} className="bottom-link">
            <Icon name={link.icon} />
            <span>{link.label}</span>
          </NavLink>
        ))}
        <MoreMenu items={onPhoneMore} placement="bottom" />
      </nav>
    </div>
  );
}
