import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportReason } from '../../../../contract/moderation.js';
import { REPORT_REASONS } from '../../api/contract-values.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { Field } from '../Field.js';

export type Decision = { reason: ReportReason; note: string };

/**
 * A button that opens a moderator's dialog: a reason from the list and a note, both told to the person concerned,
 * plus whatever the action needs (`extra`); `act` does it.
 */
export function ModerationDialog({
  label,
  title,
  confirm,
  defaultReason = 'other',
  extra,
  act,
  onDone,
}: {
  label: string;
  title: string;
  confirm: string;
  defaultReason?: ReportReason;
  extra?: ReactNode;
  act: (decision: Decision) => Promise<unknown>;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>(defaultReason);
  const [note, setNote] = useState('');
  const run = useMutation({
    mutationFn: () => act({ reason, note }),
    onSuccess: () => {
      setOpen(false);
      setNote('');
      onDone?.();
    },
  });
  const close = () => {
    setOpen(false);
    run.reset();
  };
  return (
    <>
      <button type="button" className="button secondary small" onClick={() => setOpen(true)}>
        {label}
      </button>
      <Dialog open={open} onClose={close} title={title}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            run.mutate();
          }}
        >
          {extra}
          <Field label={t('moderation.decisionReason')}>
            <select value={reason} onChange={(event) => setReason(event.target.value as ReportReason)}>
              {REPORT_REASONS.map((option) => (
                <option key={option} value={option}>
                  {t(`moderation.reasons.${option}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('moderation.decisionNote')}>
            <textarea
              value={note}
              maxLength={2000}
              rows={3}
              onChange={(event) => setNote(event.target.value)}
            />
          </Field>
          <ErrorMessage error={run.error} />
          <div className="actions">
            <button type="button" className="button secondary" onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={run.isPending}>
              {confirm}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
