import { problems } from '../../../contract/common.js';
import { SiteInfo } from '../../../contract/site.js';
import { defineRoute } from '../../platform/http/route.js';

export const siteRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/site',
    auth: 'public',
    rateLimit: 'read',
    summary: "What the sign-in page needs: the organisation's default language and whether demo mode is on",
    tags: ['site'],
    schema: { response: { 200: SiteInfo, ...problems(401) } },
    handler: async ({ deps }) => ({ defaultLanguage: deps.config.language, demo: deps.config.demo }),
  }),
];
