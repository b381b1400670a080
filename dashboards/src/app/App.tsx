import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { LoadingState } from '../components/states/PageStates';
import { SessionProvider } from '../lib/session/session-context';
import { OverviewPage } from '../features/scorecard/components/OverviewPage';
import { SignInPage } from '../features/session/components/SignInPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { createQueryClient } from './query-client';
import { RequireSession } from './RequireSession';

// The overview is the landing page and comes with the first load (no second round trip, no
// suspense); the other pages are chunks of their own, and charts load only where drawn.
const IndicatorPage = lazy(() =>
  import('../features/indicator/components/IndicatorPage').then((m) => ({ default: m.IndicatorPage })),
);
const DataPage = lazy(() =>
  import('../features/data/components/DataPage').then((m) => ({ default: m.DataPage })),
);
const UsersPage = lazy(() =>
  import('../features/users/components/UsersPage').then((m) => ({ default: m.UsersPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/components/AuditPage').then((m) => ({ default: m.AuditPage })),
);
const ExceptionsPage = lazy(() =>
  import('../features/exceptions/components/ExceptionsPage').then((m) => ({ default: m.ExceptionsPage })),
);
const ExceptionReportPage = lazy(() =>
  import('../features/exceptions/components/ExceptionReportPage').then((m) => ({
    default: m.ExceptionReportPage,
  })),
);
const PartnerReturnsPage = lazy(() =>
  import('../features/partner-returns/components/PartnerReturnsPage').then((m) => ({
    default: m.PartnerReturnsPage,
  })),
);
const AgencyPage = lazy(() =>
  import('../features/agencies/components/AgencyPage').then((m) => ({ default: m.AgencyPage })),
);
const AgenciesAdminPage = lazy(() =>
  import('../features/agencies/components/AgenciesAdminPage').then((m) => ({ default: m.AgenciesAdminPage })),
);
const SubgroupsAdminPage = lazy(() =>
  import('../features/subgroups/components/SubgroupsAdminPage').then((m) => ({
    default: m.SubgroupsAdminPage,
  })),
);
const GuidePage = lazy(() =>
  import('../features/guide/components/GuidePage').then((m) => ({ default: m.GuidePage })),
);
const BriefingPage = lazy(() =>
  import('../features/briefing/components/BriefingPage').then((m) => ({ default: m.BriefingPage })),
);
const RunPage = lazy(() =>
  import('../features/data/components/RunPage').then((m) => ({ default: m.RunPage })),
);

export function AppRoutes() {
  return (
    <Layout>
      <Suspense fallback={<LoadingState what="the page" />}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route
            path="/"
            element={
              <RequireSession>
                <OverviewPage />
              </RequireSession>
            }
          />
          <Route
            path="/guide"
            element={
              <RequireSession>
                <GuidePage />
              </RequireSession>
            }
          />
          <Route
            path="/indicators/:code"
            element={
              <RequireSession>
                <IndicatorPage />
              </RequireSession>
            }
          />
          <Route
            path="/exceptions"
            element={
              <RequireSession>
                <ExceptionsPage />
              </RequireSession>
            }
          />
          <Route
            path="/exceptions/:id"
            element={
              <RequireSession>
                <ExceptionReportPage />
              </RequireSession>
            }
          />
          <Route
            path="/briefing"
            element={
              <RequireSession>
                <BriefingPage />
              </RequireSession>
            }
          />
          <Route
            path="/partner-returns"
            element={
              <RequireSession>
                <PartnerReturnsPage />
              </RequireSession>
            }
          />
          <Route
            path="/agencies"
            element={
              <RequireSession>
                <AgencyPage />
              </RequireSession>
            }
          />
          <Route
            path="/data"
            element={
              <RequireSession analystOnly>
                <DataPage />
              </RequireSession>
            }
          />
          <Route
            path="/data/runs/:runId"
            element={
              <RequireSession analystOnly>
                <RunPage />
              </RequireSession>
            }
          />
          <Route
            path="/admin/users"
            element={
              <RequireSession adminOnly>
                <UsersPage />
              </RequireSession>
            }
          />
          <Route
            path="/admin/agencies"
            element={
              <RequireSession adminOnly>
                <AgenciesAdminPage />
              </RequireSession>
            }
          />
          <Route
            path="/admin/subgroups"
            element={
              <RequireSession adminOnly>
                <SubgroupsAdminPage />
              </RequireSession>
            }
          />
          <Route
            path="/admin/audit"
            element={
              <RequireSession adminOnly>
                <AuditPage />
              </RequireSession>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function App({ client }: { client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
