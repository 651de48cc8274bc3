import { problems } from '../../../contract/common.js';
import { SiteInfo } from '../../../contract/site.js';
import type { Config } from '../../config.js';
import { defineRoute } from '../../platform/http/route.js';

export const siteRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/site',
    auth: 'public',
    rateLimit: 'read',
    summary:
      "What the sign-in page needs: the organisation's default language, whether demo mode is on, how people sign in",
    tags: ['site'],
    schema: { response: { 200: SiteInfo, ...problems(401) } },
    handler: async ({ deps }) => siteInfo(deps.config),
  }),
];

function siteInfo(config: Config): SiteInfo {
  const sso = config.oidc && config.publicUrl ? config.oidc : null;
  return {
    defaultLanguage: config.language,
    demo: config.demo,
    // One button: OIDC where configured, else SAML.
    sso: sso
      ? { label: sso.label, startUrl: '/api/v1/auth/oidc/start' }
      : config.saml && config.publicUrl
        ? { label: config.saml.label, startUrl: '/api/v1/auth/saml/start' }
        : null,
    passwordForm: !sso?.hidePasswordForm,
  };
}
