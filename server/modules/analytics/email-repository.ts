import type { Queryable } from '../../platform/db/database.js';
import { type Filter, type Periods, personWhere } from './filters.js';

const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;
const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;

/**
 * "Less email": mails Plein delivered to people (sent by SMTP, or kept in the outbox without it) in the period and
 * in the one before, by the recipient's department and location; one range of outbound_mail_delivered_idx.
 */
export async function mailsDelivered(
  db: Queryable,
  filter: Filter,
  periods: Periods,
): Promise<{ current: number; previous: number }> {
  const params: unknown[] = [periods.previousFrom, periods.from, periods.to];
  const where = personWhere('p', filter, params);
  const { rows } = await db.query<{ current: number; previous: number }>(
    `select count(*) filter (where m.sent_at >= ${startOf('$2')})::int as current,
            count(*) filter (where m.sent_at < ${startOf('$2')})::int as previous
       from outbound_mail m join people p on p.id = m.person_id
      where m.sent_at >= ${startOf('$1')} and m.sent_at < ${endOf('$3')} ${where}`,
    params,
  );
  return rows[0]!;
}
