import { createBrowserRouter } from 'react-router';
import { Skeleton } from '../components/Skeleton.js';
import { AdminCommunitiesPage } from '../pages/AdminCommunitiesPage.js';
import { AdminFileLimitsPage } from '../pages/AdminFileLimitsPage.js';
import { AdminImportPage } from '../pages/AdminImportPage.js';
import { AdminMailDefaultsPage } from '../pages/AdminMailDefaultsPage.js';
import { AdminModerationPage } from '../pages/AdminModerationPage.js';
import { AdminOutboxPage } from '../pages/AdminOutboxPage.js';
import { AdminPeoplePage } from '../pages/AdminPeoplePage.js';
import { AdminPrivacyPage } from '../pages/AdminPrivacyPage.js';
import { AuditLogPage } from '../pages/AuditLogPage.js';
import { CommunitiesPage } from '../pages/CommunitiesPage.js';
import { CommunityManagePage } from '../pages/CommunityManagePage.js';
import { CommunityMembersPage } from '../pages/CommunityMembersPage.js';
import { CommunityPage } from '../pages/CommunityPage.js';
import { ExpertsPage } from '../pages/ExpertsPage.js';
import { GoalsPage } from '../pages/GoalsPage.js';
import { HashtagPage } from '../pages/HashtagPage.js';
import { HomePage } from '../pages/HomePage.js';
import { InvitationPage } from '../pages/InvitationPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { ModerationQueuePage } from '../pages/ModerationQueuePage.js';
import { NewCommunityPage } from '../pages/NewCommunityPage.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { NotificationsPage } from '../pages/NotificationsPage.js';
import { PeoplePage } from '../pages/PeoplePage.js';
import { ProfilePage } from '../pages/ProfilePage.js';
import { SearchPage } from '../pages/SearchPage.js';
import { SettingsPage } from '../pages/SettingsPage.js';
import { SignInLinkPage } from '../pages/SignInLinkPage.js';
import { ThemePage } from '../pages/ThemePage.js';
import { ThemesPage } from '../pages/ThemesPage.js';
import { ThreadPage } from '../pages/ThreadPage.js';
import { UnansweredPage } from '../pages/UnansweredPage.js';
import { UnsubscribePage } from '../pages/UnsubscribePage.js';
import { Root } from './Root.js';
import { SignedInLayout } from './SignedInLayout.js';

/** What a page loaded on demand shows while its code arrives, opened straight from its address. */
function PageLoading() {
  return (
    <div className="column">
      <Skeleton lines={8} />
    </div>
  );
}

/** Every page has a friendly URL that can be shared and reloaded. */
export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/invitation', element: <InvitationPage /> },
      { path: '/sign-in/link', element: <SignInLinkPage /> },
      // Opened from a mail's unsubscribe link, signed in or not; its POST is the server's one-click route.
      { path: '/unsubscribe/:token', element: <UnsubscribePage /> },
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
          { path: 'admin/communities', element: <AdminCommunitiesPage /> },
          { path: 'admin/outbox', element: <AdminOutboxPage /> },
          { path: 'admin/import', element: <AdminImportPage /> },
          { path: 'admin/mail', element: <AdminMailDefaultsPage /> },
          { path: 'admin/files', element: <AdminFileLimitsPage /> },
          { path: 'admin/audit', element: <AuditLogPage /> },
          { path: 'admin/privacy', element: <AdminPrivacyPage /> },
          { path: 'admin/moderation', element: <AdminModerationPage /> },
          { path: 'admin/people', element: <AdminPeoplePage /> },
          { path: 'moderation', element: <ModerationQueuePage /> },
          { path: 'u/:handle', element: <ProfilePage /> },
          { path: 'tags/:tag', element: <HashtagPage /> },
          { path: 'goals', element: <GoalsPage /> },
          // Loaded on demand: the goal and analytics pages bring the charting library, which no other page needs.
          {
            path: 'goals/:id',
            hydrateFallbackElement: <PageLoading />,
            lazy: () => import('../pages/GoalPage.js').then((page) => ({ Component: page.GoalPage })),
          },
          { path: 'themes', element: <ThemesPage /> },
          { path: 'themes/:id', element: <ThemePage /> },
          { path: 'questions/unanswered', element: <UnansweredPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'search', element: <SearchPage /> },
          { path: 'experts', element: <ExpertsPage /> },
          {
            path: 'analytics',
            hydrateFallbackElement: <PageLoading />,
            lazy: () =>
              import('../pages/AnalyticsPage.js').then((page) => ({ Component: page.AnalyticsPage })),
          },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
