import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon, type IconName } from '../components/Icon.js';
import { useMenu } from './use-menu.js';

export type NavItem = { to: string; icon: IconName; label: string; end?: boolean };

/** The places that do not fit in the bar: a "More" button with a menu of links. */
export function MoreMenu({ items, placement }: { items: NavItem[]; placement: 'top' | 'bottom' }) {
  const { t } = useTranslation();
  const { open, menuId, box, button, toggle, close } = useMenu();
  if (items.length === 0) return null;
  return (
    <div className={placement === 'top' ? 'menu' : 'menu bottom-more'} ref={box}>
      <button
        ref={button}
        type="button"
        className={placement === 'top' ? 'nav-link' : 'bottom-link'}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={toggle}
      >
        <Icon name="more" />
        <span>{t('nav.more')}</span>
      </button>
      {open && (
        <div className={placement === 'top' ? 'menu-panel' : 'menu-panel up'} id={menuId}>
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} className="menu-item" onClick={close}>
              {item.label}
            </NavLink>
          ))}
        </div>
      )}
    </div>
  );
}
