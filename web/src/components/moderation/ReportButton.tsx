import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportReason } from '../../../../contract/moderation.js';
import { moderationApi } from '../../api/moderation.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { ReasonFields } from './ReasonFields.js';

type Target = { targetType: 'thread' | 'reply' | 'person'; targetId: string };

/** A "Report" button and its dialog: a reason from the list and a note, sent to the moderators. */
export function ReportButton({ target, label }: { target: Target; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const send = useMutation({ mutationFn: () => moderationApi.report({ ...target, reason, note }) });
  const close = () => {
    setOpen(false);
    send.reset();
  };
  return (
    <>
      <button type="button" className="button secondary small" onClick={() => setOpen(true)}>
        {label}
      </button>
      <Dialog open={open} onClose={close} title={t('moderation.reportTitle')}>
        {send.isSuccess ? (
          <>
            <p role="status">{t('moderation.sent')}</p>
            <div className="actions">
              <button type="button" className="button secondary" onClick={close}>
                {t('common.close')}
              </button>
            </div>
          </>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              send.mutate();
            }}
          >
            <ReasonFields
              reason={reason}
              onReason={setReason}
              note={note}
              onNote={setNote}
              labels={{
                reason: t('moderation.reason'),
                note: t('moderation.note'),
                noteHint: t('moderation.noteHint'),
              }}
            />
            <ErrorMessage error={send.error} />
            <div className="actions">
              <button type="button" className="button secondary" onClick={close}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button primary" disabled={send.isPending}>
                {t('moderation.send')}
              </button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
