import type { Queryable } from '../../platform/db/database.js';
import { type Filter, type Period, personWhere } from './filters.js';

const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;
const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;

/**
 * "Less email": mails Plein delivered to people in the period (sent to SMTP or kept in the outbox; only those rows
 * have `sent_at`), narrowed by the recipient's department and location now. One range of outbound_mail_delivered_idx.
 * Mails to no person (answers to unknown senders) are not counted: they reach nobody of the organisation.
 */
export async function mailsDelivered(db: Queryable, filter: Filter, period: Period): Promise<number> {
  const params: unknown[] = [period.from, period.to];
  const where = personWhere('p', filter, params);
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n
       from outbound_mail m join people p on p.id = m.person_id
      where m.sent_at >= ${startOf('$1')} and m.sent_at < ${endOf('$2')}
        and m.status in ('sent', 'outbox') ${where}`,
    params,
  );
  return rows[0]!.n;
}
