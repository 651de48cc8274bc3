import { createBrowserRouter } from 'react-router';
import { CommunitiesPage } from '../pages/CommunitiesPage.js';
import { CommunityManagePage } from '../pages/CommunityManagePage.js';
import { CommunityMembersPage } from '../pages/CommunityMembersPage.js';
import { CommunityPage } from '../pages/CommunityPage.js';
import { HashtagPage } from '../pages/HashtagPage.js';
import { HomePage } from '../pages/HomePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { NewCommunityPage } from '../pages/NewCommunityPage.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { NotificationsPage } from '../pages/NotificationsPage.js';
import { PeoplePage } from '../pages/PeoplePage.js';
import { ProfilePage } from '../pages/ProfilePage.js';
import { SettingsPage } from '../pages/SettingsPage.js';
import { ThreadPage } from '../pages/ThreadPage.js';
import { Root } from './Root.js';
import { SignedInLayout } from './SignedInLayout.js';

/** Every page has a friendly URL that can be shared and reloaded. */
export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <SignedInLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 't/:ref', element: <ThreadPage /> },
          { path: 'groups', element: <CommunitiesPage /> },
          { path: 'groups/new', element: <NewCommunityPage /> },
          { path: 'g/:slug', element: <CommunityPage /> },
          { path: 'g/:slug/members', element: <CommunityMembersPage /> },
          { path: 'g/:slug/manage', element: <CommunityManagePage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'u/:handle', element: <ProfilePage /> },
          { path: 'tags/:tag', element: <HashtagPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
