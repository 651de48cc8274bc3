import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { Icon } from '../components/Icon.js';

/** The bell with the number of unread notifications; live events refresh the count. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery({
    queryKey: keys.unread,
    queryFn: api.notifications.unreadCount,
    refetchInterval: 120_000,
  });
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t('nav.notificationsUnread', { count }) : t('nav.notifications');
  return (
    <NavLink to="/notifications" className="icon-button bell" aria-label={label} title={label}>
      <Icon name="bell" size={22} />
      {count > 0 && (
        <span className="bell-count" aria-hidden="true" data-testid="unread-count">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </NavLink>
  );
}
