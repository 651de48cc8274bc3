import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { LIMITS } from '../contract/common.js';
import type { Config } from './config.js';
import { amaRoutes } from './modules/amas/routes.js';
import { analyticsRoutes } from './modules/analytics/routes.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { ViewerCache } from './modules/auth/viewer-cache.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { communityRoutes } from './modules/communities/routes.js';
import { communityHealthRoutes } from './modules/community-health/routes.js';
import { contributionRoutes } from './modules/contributions/routes.js';
import { demoRoutes } from './modules/demo/routes.js';
import { editHistoryRoutes } from './modules/edit-history/routes.js';
import { closeEventStreams } from './modules/events/hub.js';
import { eventRoutes } from './modules/events/routes.js';
import { expertRoutes } from './modules/experts/routes.js';
import { feedRoutes } from './modules/feed/routes.js';
import { followRoutes } from './modules/follows/routes.js';
import { goalRoutes } from './modules/goals/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { acceptArchives, importRoutes } from './modules/import/routes.js';
import { invitationRoutes } from './modules/invitations/routes.js';
import { mailRoutes } from './modules/mail/routes.js';
import { acceptRawMail, mailInRoutes } from './modules/mail-in/routes.js';
import { moderationRoutes } from './modules/moderation/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { peopleRoutes } from './modules/people/routes.js';
import { peopleAdminRoutes } from './modules/people-admin/routes.js';
import { pollRoutes } from './modules/polls/routes.js';
import { privacyRoutes } from './modules/privacy/routes.js';
import { routingRoutes } from './modules/routing/routes.js';
import { canonicalScimUrl, installScimProtocol } from './modules/scim/protocol.js';
import { scimRoutes, scimTestTokenRoute, scimTokenRoutes } from './modules/scim/routes.js';
import { authenticateScim } from './modules/scim/token-service.js';
import { searchRoutes } from './modules/search/routes.js';
import { mailDefaultRoutes, settingsRoutes } from './modules/settings/routes.js';
import { siteRoutes } from './modules/site/routes.js';
import { ssoRoutes } from './modules/sso/routes.js';
import { samlRoutes } from './modules/sso/saml-routes.js';
import { themeRoutes } from './modules/themes/routes.js';
import { threadRoutes } from './modules/threads/routes.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import { createEventBus } from './platform/events/bus.js';
import type { Deps } from './platform/http/deps.js';
import { closeConnectionsWhileDraining } from './platform/http/drain.js';
import { warnWhenForwardedForIgnored } from './platform/http/forwarded-for.js';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './platform/http/framework-errors.js';
import { holdWhilePreparing, type Preparing } from './platform/http/preparing.js';
import { installProblemHandler } from './platform/http/problem.js';
import { installFormParser, registerRoutes } from './platform/http/register.js';
import type { Route } from './platform/http/route.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerSpa, WEB_DIST } from './platform/http/spa.js';
import { contractValidatorCompiler } from './platform/http/validator.js';
import { createStorage } from './platform/storage/storage.js';

/** Every route Plein serves, in one list: the authorization matrix test walks exactly this. */
export const allRoutes: Route[] = [
  ...healthRoutes,
  ...authRoutes,
  ...ssoRoutes,
  ...samlRoutes,
  ...peopleRoutes,
  ...invitationRoutes,
  ...peopleAdminRoutes,
  ...auditRoutes,
  ...communityRoutes,
  ...communityHealthRoutes,
  ...contributionRoutes,
  ...threadRoutes,
  ...editHistoryRoutes,
  ...pollRoutes,
  ...calendarRoutes,
  ...amaRoutes,
  ...feedRoutes,
  ...followRoutes,
  ...notificationRoutes,
  ...eventRoutes,
  ...settingsRoutes,
  ...siteRoutes,
  ...demoRoutes,
  ...importRoutes,
  ...themeRoutes,
  ...goalRoutes,
  ...analyticsRoutes,
  ...searchRoutes,
  ...expertRoutes,
  ...routingRoutes,
  ...mailRoutes,
  ...mailDefaultRoutes,
  ...mailInRoutes,
  ...scimTokenRoutes,
  ...scimRoutes,
  ...moderationRoutes,
  ...privacyRoutes,
  ...attachmentRoutes,
];

const isScim = (route: Route) => route.url.startsWith('/scim/');

/**
 * webRoot: where the built SPA is (tests point it at a small build of their own). preparing: the first start's
 * gate (answers 503 until finished); webBuilding: the web app's build still running into webRoot.
 */
export type AppOptions = {
  config: Config;
  db: Database;
  clock?: Clock;
  logger?: boolean;
  webRoot?: string;
  preparing?: Preparing;
  webBuilding?: Promise<void>;
};

export async function buildApp({
  config,
  db,
  clock = systemClock,
  logger = true,
  webRoot = WEB_DIST,
  preparing,
  webBuilding,
}: AppOptions) {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    bodyLimit: LIMITS.requestBytes,
    // A caller's request id is kept when it is a sane token, so logs join up across a proxy; otherwise a fresh one.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
    },
    trustProxy: config.trustProxy,
    // A request that reaches a draining node on an open keep-alive connection is served, not refused (drain.ts).
    return503OnClosing: false,
    // SCIM clients spell /scim/v2/Users in any case; every other URL is left as it came.
    rewriteUrl: (request) => canonicalScimUrl(request.url ?? '/'),
    // Errors met before a route is found are problem+json too (framework-errors.ts).
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  });
  app.setValidatorCompiler(contractValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('viewer', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Before every route and plugin, so each inherits it; secure cookies mean Plein is served over HTTPS.
  registerSecurityHeaders(app, { https: config.secureCookies });
  installProblemHandler(app);
  if (preparing) holdWhilePreparing(app, preparing, config.language);
  closeConnectionsWhileDraining(app);
  warnWhenForwardedForIgnored(app, config.trustProxy);
  await app.register(cookie);
  installFormParser(app);
  acceptRawMail(app, config.mailIn.maxBytes);
  acceptArchives(app, config.importMaxBytes);
  // Uploads stream part by part (attachments/upload.ts); each route sets its own size limit.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1 } });
  await registerDocs(app);

  const bus = await createEventBus(db, app.log);
  const deps: Deps = {
    config,
    db,
    clock,
    bus,
    log: app.log,
    viewers: new ViewerCache(),
    storage: createStorage(config.storage),
  };
  registerRoutes(
    app,
    deps,
    allRoutes.filter((route) => !isScim(route)),
  );
  // /scim/v2 speaks SCIM: its own token, bodies, content type and error shape, in a scope of its own.
  await app.register(async (scope) => {
    installScimProtocol(scope);
    const routes = allRoutes.filter(isScim);
    if (config.scim.testTokenRoute) routes.push(scimTestTokenRoute);
    registerRoutes(scope, deps, routes, { scim: authenticateScim });
  });
  await registerSpa(app, webRoot, { csp: !config.disableCspForTests, building: webBuilding });
  // Before the server stops accepting: an open event stream would otherwise keep app.close() waiting forever.
  app.addHook('preClose', () => closeEventStreams(deps));
  app.addHook('onClose', async () => {
    await bus.close();
  });
  return { app, deps };
}

async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Plein API',
        version: '1',
        description: 'The enterprise social network Plein, /api/v1.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'plein_session' },
          bearer: { type: 'http', scheme: 'bearer' },
          scimToken: { type: 'http', scheme: 'bearer', description: 'A SCIM token (admins create them)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
