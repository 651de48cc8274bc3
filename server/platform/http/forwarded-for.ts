import type { FastifyInstance } from 'fastify';

/**
 * With PLEIN_TRUST_PROXY off, a request that carries X-Forwarded-For came through a proxy whose address Plein takes
 * for everyone's: every per-address throttle is then shared by all. Said once per node, at the first such request.
 */
export function warnWhenForwardedForIgnored(app: FastifyInstance, trustProxy: boolean): void {
  if (trustProxy) return;
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    app.log.warn(
      { proxyAddress: request.ip },
      'Requests carry X-Forwarded-For but PLEIN_TRUST_PROXY is off: every client seems to come from the proxy, so sign-in throttling per address is shared by all of them. Behind a load balancer that sets X-Forwarded-For, set PLEIN_TRUST_PROXY=1.',
    );
  });
}
