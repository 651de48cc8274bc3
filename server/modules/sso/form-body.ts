import type { FastifyInstance } from 'fastify';
import { Problem } from '../../platform/http/problem.js';

export const BACKCHANNEL_LOGOUT_PATH = '/api/v1/auth/oidc/backchannel-logout';

/**
 * Providers post logout tokens as an HTML form would (application/x-www-form-urlencoded). Only that route takes
 * form bodies: anywhere else a cross-site form could post without the preflight JSON needs.
 */
export function acceptLogoutTokenForms(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (request, body, done) => {
      // Signed-token routes (one-click unsubscribe) take forms too: registerRoutes leaves this one parser in charge.
      if (request.routeOptions.url !== BACKCHANNEL_LOGOUT_PATH && !request.routeOptions.config.signedToken) {
        done(new Problem(415, 'Unsupported Media Type', 'Send JSON (application/json).'), undefined);
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}
