import { z } from 'zod';
import { Withheld } from './analytics.js';

const Day = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
const FilterText = z.string().trim().min(1).max(120);

export const FunnelQuery = z.object({
  to: Day.optional().describe('last day of the 28-day window (UTC), inclusive; default: today'),
  department: FilterText.optional(),
  location: FilterText.optional(),
});
export type FunnelQuery = z.infer<typeof FunnelQuery>;

/** One group's steps: invited → activated → monthly active → engaged, and the median time to activation. */
export const FunnelRow = z.object({
  invited: z.number().int().nullable(),
  activated: z.number().int().nullable(),
  monthlyActive: z.number().int().nullable(),
  engaged: z.number().int().nullable(),
  medianHoursToActivation: z.number().nullable(),
  withheld: Withheld.optional().describe('a group of fewer people than the minimum: its counts are null'),
});

export const Funnel = z.object({
  from: Day,
  to: Day,
  total: FunnelRow,
  byDepartment: z.array(FunnelRow.extend({ department: z.string() })),
  byLocation: z.array(FunnelRow.extend({ location: z.string() })),
});
export type Funnel = z.infer<typeof Funnel>;
