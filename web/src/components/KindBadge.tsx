import { useTranslation } from 'react-i18next';
import type { ThreadKind } from '../../../contract/threads.js';

export function KindBadge({ kind }: { kind: ThreadKind }) {
  const { t } = useTranslation();
  return <span className={`badge kind-${kind}`}>{t(`kinds.${kind}`)}</span>;
}

/** Open / answered for questions; the idea pipeline for ideas. */
export function StatusBadge({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <span className={`badge status status-${status}`}>{t(`status.${status}`)}</span>;
}
