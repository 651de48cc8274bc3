import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostVersion } from '../../../../contract/edit-history.js';
import { editHistoryApi, editHistoryKeys } from '../../api/edit-history.js';
import { useFormat } from '../../i18n/format.js';
import { wordDiff } from '../../lib/word-diff.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { Skeleton } from '../Skeleton.js';
import './edit-history.css';

type Text = { title: string | null; body: string };

/** Words removed struck through, words added underlined, the rest as it was. */
function Diff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  // Each part's place in the joined text keys it: parts are never empty, so places never repeat.
  let place = 0;
  const parts = wordDiff(before, after).map((part) => {
    const key = place;
    place += part.text.length;
    return { ...part, key };
  });
  return (
    <p className="version-diff">
      {parts.map((part) =>
        part.kind === 'same' ? (
          <span key={part.key}>{part.text}</span>
        ) : part.kind === 'removed' ? (
          <del key={part.key} title={t('editHistory.removed')}>
            {part.text}
          </del>
        ) : (
          <ins key={part.key} title={t('editHistory.added')}>
            {part.text}
          </ins>
        ),
      )}
    </p>
  );
}

/** One earlier version: when it was written, who replaced it when, and what the next text changed in it. */
function Version({ version, next }: { version: PostVersion; next: Text }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="version">
      <p className="muted small">
        {t('editHistory.versionOf', { date: format.dateTime(version.writtenAt) })} ·{' '}
        {t('editHistory.replacedBy', {
          name: version.replacedBy.name,
          date: format.dateTime(version.replacedAt),
        })}
      </p>
      {version.title !== null && next.title !== null && version.title !== next.title && (
        <>
          <p className="section-title small">{t('editHistory.title')}</p>
          <Diff before={version.title} after={next.title} />
        </>
      )}
      <p className="section-title small">{t('editHistory.changes')}</p>
      <Diff before={version.bodyMarkdown} after={next.body} />
      <details>
        <summary>{t('editHistory.fullText')}</summary>
        {version.title !== null && <p className="version-text">{version.title}</p>}
        <p className="version-text">{version.bodyMarkdown}</p>
      </details>
    </li>
  );
}

function History({ post, current }: { post: { kind: 'thread' | 'reply'; id: string }; current: Text }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: editHistoryKeys.versions(post.kind, post.id),
    queryFn: ({ pageParam }) => editHistoryApi.versions(post, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Opened again after an edit, it shows that edit too.
    staleTime: 0,
  });
  if (query.isPending) return <Skeleton lines={3} />;
  if (query.error) return <ErrorMessage error={query.error} />;
  const versions = query.data.pages.flatMap((page) => page.items);
  if (versions.length === 0) return <p className="muted">{t('editHistory.none')}</p>;
  return (
    <>
      <p className="muted small">{t('editHistory.explain')}</p>
      <ol className="plain-list version-list">
        {versions.map((version, index) => {
          const newer = versions[index - 1];
          const next = newer ? { title: newer.title, body: newer.bodyMarkdown } : current;
          return <Version key={version.id} version={version} next={next} />;
        })}
      </ol>
      {query.hasNextPage && (
        <button
          type="button"
          className="button secondary small"
          disabled={query.isFetchingNextPage}
          onClick={() => query.fetchNextPage()}
        >
          {t('editHistory.older')}
        </button>
      )}
    </>
  );
}

/**
 * "edited" after a post's time; for whoever may see its history (its author, moderators, and readers where the
 * organisation allows) a button that opens its earlier versions with what each edit changed.
 */
export function EditedMarker({
  post,
  current,
  canOpen,
}: {
  post: { kind: 'thread' | 'reply'; id: string };
  current: Text;
  canOpen: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!canOpen) return <> · {t('thread.edited')}</>;
  return (
    <>
      {' · '}
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('editHistory.open')}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('editHistory.heading')}>
        <History post={post} current={current} />
      </Dialog>
    </>
  );
}
