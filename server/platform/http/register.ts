import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../../contract/common.js';
import { checkCsrf, resolveViewer } from '../../modules/auth/authenticate.js';
import { hit } from '../auth/rate-limit.js';
import type { Viewer } from '../auth/viewer.js';
import { answerOnce, IdempotencyHeaders } from '../idempotency/idempotency.js';
import type { Deps } from './deps.js';
import { forbidden, unauthorized } from './problem.js';
import type { Guard, Route } from './route.js';

/** Per person, across all nodes: generous for people, a brake for runaway scripts. */
export const WRITE_LIMIT = { max: 300, windowSeconds: 60 };

/** A suspended person reads but writes nothing; the refusal says until when. */
function requireNotSuspended(viewer: Viewer, now: Date): void {
  const until = viewer.suspendedUntil;
  if (until && until > now) {
    throw forbidden(
      `You are suspended until ${until.toISOString()}: you can read, but not post or change anything.`,
    );
  }
}

const securityOf = (auth: Route['auth']): { security?: Record<string, string[]>[] } => {
  if (auth === 'public' || auth === 'none') return {};
  if (auth === 'scim') return { security: [{ scimToken: [] }] };
  return { security: [{ session: [] }, { bearer: [] }] };
};

/**
 * Mounts declared routes: the checklist runs in order — who → may they → CSRF → throttle → handler. Routes of a
 * kind of caller that is not a person ('scim') pass the guard handed in for it instead, and nothing else.
 */
export function registerRoutes(
  app: FastifyInstance,
  deps: Deps,
  routes: Route[],
  guards: Partial<Record<'scim', Guard>> = {},
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const route of routes) {
    typed.route({
      method: route.method,
      url: route.url,
      schema: {
        summary: route.summary,
        tags: route.tags,
        ...securityOf(route.auth),
        // Only the parts a route declares: an explicit undefined makes Fastify warn.
        ...Object.fromEntries(Object.entries(route.schema).filter(([, schema]) => schema !== undefined)),
        ...(route.idempotent
          ? { headers: IdempotencyHeaders, response: { ...problems(422), ...route.schema.response } }
          : {}),
      },
      config: {
        auth: route.auth,
        rateLimit: route.rateLimit,
        signedToken: route.signedToken === true,
        acceptsForm: route.signedToken === true || route.acceptsForm === true,
      },
      // onRequest runs before the body is parsed and validated: who you are is settled before what you sent.
      onRequest: async (request) => {
        if (route.auth === 'none') return;
        if (route.auth === 'scim') {
          const guard = guards.scim;
          if (!guard) throw new Error(`${route.method} ${route.url}: no guard was handed in for SCIM routes`);
          return guard(deps, request);
        }
        const viewer = await resolveViewer(deps, request);
        if (route.auth !== 'public' && !viewer) throw unauthorized();
        if (route.auth === 'admin' && viewer?.role !== 'admin') throw forbidden('Only an admin may do this.');
        if (!route.signedToken) checkCsrf(viewer, request);
        if (viewer && route.method !== 'GET' && !route.allowSuspended) {
          requireNotSuspended(viewer, deps.clock.now());
        }
        if (route.rateLimit === 'write' && viewer) {
          await hit(
            deps.db.pool,
            { key: `write:${viewer.id}`, ...WRITE_LIMIT, what: 'changes' },
            deps.clock.now(),
          );
        }
        request.viewer = viewer;
      },
      handler: async (request, reply) => {
        const run = (routeDeps: Deps) =>
          route.handler({
            viewer: request.viewer as Viewer,
            params: request.params as never,
            query: request.query as never,
            body: request.body as never,
            deps: routeDeps,
            request,
            reply,
          });
        const key = route.idempotent ? request.headers['idempotency-key'] : undefined;
        if (typeof key === 'string' && request.viewer) {
          // The create and its key commit together; a retry with the key gets this very answer.
          await answerOnce(deps, request, reply, key, async (inTransaction) => {
            const result = await run(inTransaction);
            reply.status(route.status ?? reply.statusCode);
            return { status: reply.statusCode, payload: String(reply.serialize(result)) };
          });
          return reply;
        }
        const result = await run(deps);
        if (route.status === 204) return reply.status(204).send();
        // A handler may answer with another declared status (202: a join request waits for approval).
        return reply.status(route.status ?? reply.statusCode).send(result);
      },
    });
  }
}

/**
 * Forms only where a route takes them (one-click unsubscribe, a provider's logout token): anywhere else a form body
 * is a 415, since a cross-site form could post it without the preflight JSON needs. Installed once, on the root.
 */
export function installFormParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (request, body, done) => {
      if (!request.routeOptions.config.acceptsForm) {
        done(Object.assign(new Error('Send JSON (application/json).'), { statusCode: 415 }), undefined);
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
  interface FastifyContextConfig {
    auth?: Route['auth'];
    rateLimit?: Route['rateLimit'];
    signedToken?: boolean;
    acceptsForm?: boolean;
  }
}
