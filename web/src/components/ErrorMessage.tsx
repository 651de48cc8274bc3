import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.js';

/** A problem in words a person understands, in their language; the server's own detail where it adds something. */
export function describeError(t: TFunction, error: unknown): { message: string; detail: string | null } {
  if (!(error instanceof ApiError)) return { message: t('errors.unexpected'), detail: null };
  const own = error.detail && !/^Invalid (body|querystring|params)/.test(error.detail) ? error.detail : null;
  switch (true) {
    case error.status === 0:
      return { message: t('errors.network'), detail: null };
    case error.status === 400:
      return { message: t('errors.invalid'), detail: Object.keys(error.fieldErrors).length ? null : own };
    case error.status === 401:
      return { message: t('errors.signedOut'), detail: null };
    case error.status === 403:
      return { message: t('errors.forbidden'), detail: own };
    case error.status === 404:
      return { message: t('errors.notFound'), detail: null };
    case error.status === 409:
      return { message: t('errors.conflict'), detail: own };
    case error.status === 413:
      return { message: t('errors.tooLarge'), detail: null };
    case error.status === 429:
      return { message: t('errors.tooMany'), detail: own };
    case error.status === 503:
      return { message: t('errors.unavailable'), detail: null };
    default:
      return { message: t('errors.server'), detail: null };
  }
}

/** Shown next to the action that failed; role=alert so it is heard at once. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { message, detail } = describeError(t, error);
  return (
    <div className="error-message" role="alert">
      <strong>{message}</strong>
      {detail && <span> {detail}</span>}
    </div>
  );
}

/** The server's word on one field, for the line under that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}
