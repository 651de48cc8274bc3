import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboundMail } from '../../../contract/mail.js';
import { mailApi, mailKeys } from '../api/mail.js';
import { useMe } from '../api/session.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Skeleton } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { usePageTitle } from '../lib/use-title.js';

/** Admins: every mail Plein composed, newest first — without SMTP, "what would have been sent". */
export function AdminOutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  usePageTitle(t('mail.outbox.title'));
  const allowed = me.role === 'admin';
  const status = useQuery({
    queryKey: mailKeys.outboxStatus,
    queryFn: mailApi.outboxStatus,
    enabled: allowed,
  });
  const list = useInfiniteQuery({
    queryKey: mailKeys.outbox,
    queryFn: ({ pageParam }) => mailApi.outbox(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: allowed,
  });
  const [opened, setOpened] = useState<OutboundMail | null>(null);
  if (!allowed) {
    return (
      <div className="column narrow">
        <EmptyState icon="lock" title={t('mail.outbox.title')}>
          {t('mail.outbox.notAllowed')}
        </EmptyState>
      </div>
    );
  }
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="column">
      <h1>{t('mail.outbox.title')}</h1>
      {status.data && (
        <p className="muted">
          {status.data.smtp ? t('mail.outbox.introSmtp') : t('mail.outbox.introOutbox')}
        </p>
      )}
      {list.isPending && <Skeleton lines={4} />}
      <ErrorMessage error={list.error ?? status.error} />
      {list.isSuccess && items.length === 0 && (
        <EmptyState icon="bell" title={t('mail.outbox.empty')}>
          {t('mail.outbox.emptyText')}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="stack outbox-list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((mail) => (
            <li key={mail.id} className="card" data-mail={mail.id}>
              <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', alignItems: 'baseline' }}>
                <span className={mail.status === 'dead' ? 'badge danger-text' : 'badge'}>
                  {t(`mail.outbox.status.${mail.status}`)}
                </span>
                <strong style={{ flex: '1 1 16rem', minWidth: 0, overflowWrap: 'anywhere' }}>
                  {mail.subject}
                </strong>
                <button type="button" className="button secondary small" onClick={() => setOpened(mail)}>
                  {t('mail.outbox.open')}
                  <span className="visually-hidden">: {mail.subject}</span>
                </button>
              </div>
              <p className="muted small" style={{ margin: '0.25rem 0 0', overflowWrap: 'anywhere' }}>
                {t('mail.outbox.to')}: {mail.to} · {mail.kind} · {mail.locale} ·{' '}
                <time dateTime={mail.createdAt} title={format.dateTime(mail.createdAt)}>
                  {format.relative(mail.createdAt)}
                </time>
                {mail.attempts > 0 && ` · ${t('mail.outbox.attempts', { count: mail.attempts })}`}
              </p>
              {mail.lastError && (
                <p className="small danger-text" style={{ margin: '0.25rem 0 0' }}>
                  {t('mail.outbox.lastError', { error: mail.lastError })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('common.loadMore')}
          </button>
        </div>
      )}
      <Dialog open={opened !== null} onClose={() => setOpened(null)} title={opened?.subject ?? ''}>
        {opened && <MailView mail={opened} />}
      </Dialog>
    </div>
  );
}

/** One mail: its headers, its HTML in a frame where nothing runs, and its plain text. */
function MailView({ mail }: { mail: OutboundMail }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p className="small" style={{ margin: 0, overflowWrap: 'anywhere' }}>
        {t('mail.outbox.to')}: {mail.to} · {t(`mail.outbox.status.${mail.status}`)}
      </p>
      <details>
        <summary className="small">{t('mail.outbox.headers')}</summary>
        <dl className="small" style={{ margin: '0.25rem 0 0', overflowWrap: 'anywhere' }}>
          {Object.entries(mail.headers).map(([name, value]) => (
            <div key={name}>
              <dt style={{ display: 'inline', fontWeight: 600 }}>{name}: </dt>
              <dd style={{ display: 'inline', margin: 0 }}>{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <h3 className="small" style={{ margin: 0 }}>
        {t('mail.outbox.html')}
      </h3>
      {/* sandbox="" gives the frame no scripts, no forms, no same-origin rights: the mail can only be looked at. */}
      <iframe
        title={t('mail.outbox.frameTitle')}
        sandbox=""
        srcDoc={mail.html}
        referrerPolicy="no-referrer"
        style={{
          width: '100%',
          minHeight: '18rem',
          border: '1px solid var(--border, #d0d7de)',
          background: '#fff',
        }}
      />
      <details>
        <summary className="small">{t('mail.outbox.text')}</summary>
        <pre className="small" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>
          {mail.text}
        </pre>
      </details>
    </div>
  );
}
