import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './app/query-client';
import { prefetchLandingScorecard } from './lib/published-data';
import { startSessionCheck } from './lib/session/session-api';

// Start the first requests before React renders, side by side.
const queryClient = createQueryClient();
startSessionCheck();
prefetchLandingScorecard(queryClient, window.location);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={queryClient} />
  </StrictMode>,
);
