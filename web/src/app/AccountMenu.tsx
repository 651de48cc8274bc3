import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../../contract/people.js';
import { api } from '../api/endpoints.js';
import { signedOut } from '../api/session.js';
import { Avatar } from '../components/Avatar.js';
import { useMenu } from './use-menu.js';

/** The person's own menu: profile, settings, sign out. Escape or a click elsewhere closes it. */
export function AccountMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { open, menuId, box, button, toggle, close } = useMenu();

  const signOut = useMutation({
    mutationFn: api.auth.logout,
    onSettled: (result) => {
      signedOut(client);
      // Signed in through the organisation's provider: sign out there too; it sends the browser back to /login.
      if (result?.endSessionUrl) window.location.assign(result.endSessionUrl);
      else navigate('/login', { replace: true });
    },
  });

  return (
    <div className="menu" ref={box}>
      <button
        ref={button}
        type="button"
        className="avatar-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('nav.accountMenu', { name: me.name })}
        onClick={toggle}
      >
        <Avatar person={me} size={34} />
      </button>
      {open && (
        <div className="menu-panel" id={menuId}>
          <div className="menu-who">
            <strong>{me.name}</strong>
            <span className="muted small">{me.email}</span>
          </div>
          <Link to={`/u/${me.handle}`} className="menu-item" onClick={close}>
            {t('nav.profile')}
          </Link>
          <Link to="/settings" className="menu-item" onClick={close}>
            {t('nav.settings')}
          </Link>
          <button type="button" className="menu-item" onClick={() => signOut.mutate()}>
            {t('nav.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
