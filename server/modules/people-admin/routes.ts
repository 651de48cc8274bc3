import { page, problems } from '../../../contract/common.js';
import { AdminPeopleQuery, AdminPerson } from '../../../contract/people-admin.js';
import { defineRoute } from '../../platform/http/route.js';
import { listForAdmins } from './service.js';

export const peopleAdminRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/people',
    auth: 'admin',
    rateLimit: 'read',
    summary:
      'Everyone, deactivated people included, with how they came in and when they last signed in (admins)',
    tags: ['people'],
    schema: {
      querystring: AdminPeopleQuery,
      response: { 200: page(AdminPerson), ...problems(400, 401, 403) },
    },
    handler: ({ deps, query }) => listForAdmins(deps, query),
  }),
];
