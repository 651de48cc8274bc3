/** SQLSTATEs that mean "the database is going away or not there yet", not "this statement was wrong". */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
// node-postgres reports a dropped or unreachable server with these messages and no code.
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end/,
];

/**
 * True when an error says the connection to PostgreSQL was lost or could not be made (a failover, a restart,
 * pg_terminate_backend): the request may succeed when retried, so it is a 503, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || NETWORK_CODES.has(code)) return true;
  }
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // An AggregateError (one per address tried) or a wrapped cause.
  const nested = error instanceof AggregateError ? error.errors : [error.cause];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner));
}
