import { analyticsJob } from './modules/analytics/refresh.js';
import { attachmentJobs } from './modules/attachments/jobs.js';
import { authJobs } from './modules/auth/jobs.js';
import { calendarJobs } from './modules/calendar/routes.js';
import { linkSweepJob } from './modules/invitations/jobs.js';
import { linkPreviewJob } from './modules/link-previews/job.js';
import { exportJobs } from './modules/privacy/export-jobs.js';
import { retentionJob } from './modules/privacy/retention.js';
import { routingJobs } from './modules/routing/jobs.js';
import { idempotencySweepJob } from './platform/idempotency/idempotency.js';
import type { Job } from './platform/jobs/scheduler.js';

/** Every background job a node runs; the scheduler gives each tick to one node. */
export const allJobs: Job[] = [
  analyticsJob,
  ...routingJobs,
  ...authJobs,
  linkSweepJob,
  ...calendarJobs,
  idempotencySweepJob,
  retentionJob,
  ...exportJobs,
  ...attachmentJobs,
  linkPreviewJob,
];
