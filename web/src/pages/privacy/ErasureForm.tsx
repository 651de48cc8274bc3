import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyApi } from '../../api/privacy.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

/** Erasure with a confirmation step: the admin types the handle again, and the server checks it too. */
export function ErasureForm() {
  const { t } = useTranslation();
  const [handle, setHandle] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const erase = useMutation({
    mutationFn: () => privacyApi.erase(handle.trim(), typed.trim()),
    onSuccess: () => {
      setConfirming(false);
      setHandle('');
      setTyped('');
    },
  });
  const start = (event: FormEvent) => {
    event.preventDefault();
    erase.reset();
    setTyped('');
    if (handle.trim()) setConfirming(true);
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    erase.mutate();
  };
  return (
    <section className="card" aria-labelledby="erasure-heading">
      <h2 id="erasure-heading" className="card-title">
        {t('privacy.erasure.title')}
      </h2>
      <p className="muted small">{t('privacy.erasure.explain')}</p>
      <form className="form" onSubmit={start} noValidate>
        <Field label={t('privacy.erasure.handle')}>
          <input name="erase-handle" value={handle} onChange={(event) => setHandle(event.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="button danger">
            {t('privacy.erasure.start')}
          </button>
        </div>
      </form>
      {erase.data && (
        <p className="success" role="status">
          {t('privacy.erasure.done', erase.data)}
        </p>
      )}
      {!confirming && <ErrorMessage error={erase.error} />}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t('privacy.erasure.confirmTitle', { handle: handle.trim() })}
      >
        <form className="form" onSubmit={confirm} noValidate>
          <p>{t('privacy.erasure.confirmExplain')}</p>
          <Field label={t('privacy.erasure.confirmLabel', { handle: handle.trim() })}>
            <input
              name="erase-confirm"
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </Field>
          <ErrorMessage error={erase.error} />
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button danger"
              disabled={erase.isPending || typed.trim().toLowerCase() !== handle.trim().toLowerCase()}
            >
              {t('privacy.erasure.confirm')}
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
