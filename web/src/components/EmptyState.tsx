import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';

/** What a newcomer sees where there is nothing yet: what this place is for, and the next step to take. */
export function EmptyState({
  icon = 'smile',
  title,
  children,
  action,
}: {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty card">
      <span className="empty-icon">
        <Icon name={icon} size={28} />
      </span>
      <h2 className="empty-title">{title}</h2>
      {children && <p className="muted">{children}</p>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
