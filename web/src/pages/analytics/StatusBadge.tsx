import { useTranslation } from 'react-i18next';
import type { Status } from '../../../../contract/analytics.js';
import { STATUS_STYLE } from './format.js';

const MARK: Record<Status, string> = { on_track: '●', at_risk: '▲', off_track: '■', no_data: '○' };

/** The status in words and a shape, never colour alone. */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span className="badge" style={STATUS_STYLE[status]} data-status={status}>
      <span aria-hidden="true">{MARK[status]}</span> {t(`analytics.status.${status}`)}
    </span>
  );
}
