import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { isAdmin, isAnalyst, useSession } from '../lib/session/session-context';
import { UserMenu } from '../features/session/components/UserMenu';

const productName = 'OSCP partnership scorecard';

/**
 * Header with skip link, service navigation (Data only for analysts; Users and Audit log only for
 * administrators, with agencies and subgroups), user menu, main, footer.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { user, status } = useSession();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-app navigation move focus to the page, as a full page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="app-header" role="banner">
        <div className="govuk-width-container app-width-container app-header__container">
          <Link to="/" className="app-header__product">
            {productName}
          </Link>
          {status === 'signed_in' ? <UserMenu /> : null}
        </div>
      </header>
      {status === 'signed_in' ? (
        <div className="govuk-service-navigation app-service-navigation">
          <div className="govuk-width-container app-width-container">
            <div className="govuk-service-navigation__container">
              <nav aria-label="Main" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">
                  <NavItem to="/" end>
                    Scorecard
                  </NavItem>
                  <NavItem to="/exceptions">Exception reports</NavItem>
                  <NavItem to="/briefing">Briefing pack</NavItem>
                  <NavItem to="/agencies">Agencies</NavItem>
                  <NavItem to="/partner-returns">Partner returns</NavItem>
                  {isAnalyst(user) ? <NavItem to="/data">Data</NavItem> : null}
                  {isAdmin(user) ? <NavItem to="/admin/users">Users</NavItem> : null}
                  {isAdmin(user) ? <NavItem to="/admin/agencies">Manage agencies</NavItem> : null}
                  {isAdmin(user) ? <NavItem to="/admin/subgroups">Manage subgroups</NavItem> : null}
                  {isAdmin(user) ? <NavItem to="/admin/audit">Audit log</NavItem> : null}
                </ul>
              </nav>
            </div>
          </div>
        </div>
      ) : null}
      <div className="govuk-width-container app-width-container">
        <main className="govuk-main-wrapper app-main" id="main-content" ref={mainRef} tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer app-footer">
        <div className="govuk-width-container app-width-container">
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            {productName}: management information for safeguarding partners. Children appear only as
            pseudonymised IDs.
          </p>
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            Symbols: [x] not available, [z] not applicable, [c] confidential (small number).
          </p>
        </div>
      </footer>
    </>
  );
}

function NavItem({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  const location = useLocation();
  const active = end
    ? location.pathname === to || location.pathname.startsWith('/indicators/')
    : location.pathname.startsWith(to);
  return (
    <li
      className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}
    >
      <Link className="govuk-service-navigation__link" to={to} aria-current={active ? 'page' : undefined}>
        {active ? (
          <strong className="govuk-service-navigation__active-fallback">{children}</strong>
        ) : (
          children
        )}
      </Link>
    </li>
  );
}
