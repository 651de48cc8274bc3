import { useTranslation } from 'react-i18next';
import type { ReportReason } from '../../../../contract/moderation.js';
import { REPORT_REASONS } from '../../api/contract-values.js';
import { Field } from '../Field.js';

/** A reason from the list and a free note: what a report and every moderation decision ask for. */
export function ReasonFields({
  reason,
  onReason,
  note,
  onNote,
  labels,
  rows = 3,
}: {
  reason: ReportReason;
  onReason: (reason: ReportReason) => void;
  note: string;
  onNote: (note: string) => void;
  labels: { reason: string; note: string; noteHint?: string };
  rows?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={labels.reason}>
        <select value={reason} onChange={(event) => onReason(event.target.value as ReportReason)}>
          {REPORT_REASONS.map((option) => (
            <option key={option} value={option}>
              {t(`moderation.reasons.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={labels.note} hint={labels.noteHint}>
        <textarea
          value={note}
          maxLength={2000}
          rows={rows}
          onChange={(event) => onNote(event.target.value)}
        />
      </Field>
    </>
  );
}
