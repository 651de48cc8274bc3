import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.js';

/** New posts wait above the list until the reader asks for them, so what they are reading never jumps. */
export function NewPostsBar({ count, onShow }: { count: number; onShow: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="new-posts" aria-live="polite">
      {count > 0 && (
        <button type="button" className="new-posts-button" onClick={onShow}>
          <Icon name="arrowUp" size={16} /> {t('feed.newPosts', { count })}
        </button>
      )}
    </div>
  );
}
