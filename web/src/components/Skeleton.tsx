import { useTranslation } from 'react-i18next';

/** Grey shapes where content is coming, so a slow page keeps its layout; screen readers hear "Loading". */
export function Skeleton({ lines = 3, card = true }: { lines?: number; card?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className={card ? 'card skeleton-card' : 'skeleton-card'}
      role="status"
      aria-label={t('common.loading')}
    >
      <div className="skeleton-row">
        <span className="skeleton skeleton-avatar" />
        <span className="skeleton skeleton-line" style={{ width: '40%' }} />
      </div>
      {Array.from({ length: lines }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have nothing else to tell them apart
        <span key={index} className="skeleton skeleton-line" style={{ width: `${90 - index * 15}%` }} />
      ))}
    </div>
  );
}

export function SkeletonList({ count = 3 }: { count?: number }) {
  return (
    <div className="stack">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to tell them apart
        <Skeleton key={index} />
      ))}
    </div>
  );
}
