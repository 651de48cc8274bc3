import type { Attachment, PostAttachments } from '../../../contract/attachments.js';
import { request, sendForm } from './http.js';

export const attachmentsApi = {
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return sendForm<Attachment>('/attachments', form);
  },
  get: (id: string) => request<Attachment>('GET', `/attachments/${encodeURIComponent(id)}`),
  ofThread: (threadId: string) =>
    request<PostAttachments>('GET', `/threads/${encodeURIComponent(threadId)}/attachments`),
};
