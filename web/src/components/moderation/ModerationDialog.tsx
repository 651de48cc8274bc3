import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportReason } from '../../../../contract/moderation.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { ReasonFields } from './ReasonFields.js';

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
          <ReasonFields
            reason={reason}
            onReason={setReason}
            note={note}
            onNote={setNote}
            labels={{ reason: t('moderation.decisionReason'), note: t('moderation.decisionNote') }}
          />
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
