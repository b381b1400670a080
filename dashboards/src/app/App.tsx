import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { LoadingState } from '../components/states/PageStates';
import { SessionProvider } from '../features/session/api/session-context';
import { SignInPage } from '../features/session/components/SignInPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { createQueryClient } from './query-client';
import { RequireSession } from './RequireSession';

// Each page is its own chunk, so the first load carries only what the first page needs.
const OverviewPage = lazy(() =>
  import('../features/scorecard/components/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const IndicatorPage = lazy(() =>
  import('../features/indicator/components/IndicatorPage').then((m) => ({ default: m.IndicatorPage })),
);
const DataPage = lazy(() =>
  import('../features/data/components/DataPage').then((m) => ({ default: m.DataPage })),
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
            path="/indicators/:code"
            element={
              <RequireSession>
                <IndicatorPage />
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
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
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
