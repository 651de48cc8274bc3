import type { Attachment, AttachmentLimits } from '../../../contract/attachments.js';
import { request, sendForm } from './http.js';

export const attachmentsApi = {
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return sendForm<Attachment>('/attachments', form);
  },
  get: (id: string) => request<Attachment>('GET', `/attachments/${encodeURIComponent(id)}`),
  limits: () => request<AttachmentLimits>('GET', '/settings/attachments'),
  updateLimits: (changes: Partial<AttachmentLimits>) =>
    request<AttachmentLimits>('PATCH', '/settings/attachments', { body: changes }),
};

export const attachmentKeys = { limits: ['settings', 'attachments'] as const };
