import { useTranslation } from 'react-i18next';
import type { PrivacyExport } from '../../../../contract/privacy.js';
import { useFormat } from '../../i18n/format.js';

/** Exports with their status; a ready one its recipient downloads until it expires. */
export function ExportList({ items }: { items: PrivacyExport[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return <p className="muted small">{t('privacy.exports.none')}</p>;
  return (
    <ul className="plain-list" aria-live="polite">
      {items.map((item) => (
        <li key={item.id} className="row export-row">
          <span>
            <strong>{t(`privacy.exports.status.${item.status}`)}</strong>{' '}
            <span className="muted small">
              {item.scope
                ? t('privacy.exports.scope', {
                    from: format.date(item.scope.from),
                    to: format.date(item.scope.to),
                    what: item.scope.community ?? item.scope.person ?? t('privacy.exports.everything'),
                  })
                : item.subject && t('privacy.exports.of', { name: item.subject.name })}{' '}
              · {t('privacy.exports.asked', { date: format.dateTime(item.createdAt) })}
              {item.status === 'queued' &&
                item.retryAt &&
                ` · ${t('privacy.exports.retrying', { count: item.attempts, date: format.dateTime(item.retryAt) })}`}
              {item.failureReason &&
                ` · ${t(`privacy.exports.failure.${item.failureReason}`, { count: item.attempts })}`}
              {item.expiresAt &&
                item.status === 'ready' &&
                ` · ${t('privacy.exports.until', { date: format.date(item.expiresAt) })}`}
            </span>
          </span>
          {item.downloadUrl && (
            <a className="button secondary" href={item.downloadUrl} download>
              {t('privacy.exports.download')}
              {item.sizeBytes !== null &&
                ` (${format.number(Math.max(1, Math.round(item.sizeBytes / 1024)))} kB)`}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
