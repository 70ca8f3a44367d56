// The console's frame: sign-in gate, navigation, live indicator and the pages.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { type Access, useAccess } from './access';
import { onUnauthorized, session } from './api';
import { timeZone } from './format';
import { useLiveState } from './hooks';
import { live } from './live';
import { ApiKeysPage } from './pages/api-keys';
import { BanksPage } from './pages/banks';
import { CardLocksPage } from './pages/card-locks';
import { CarriersPage } from './pages/carriers';
import { ClientPage } from './pages/client';
import { ClientsPage } from './pages/clients';
import { GroupsPage } from './pages/groups';
import { IncidentsPage } from './pages/incidents';
import { JobsPage } from './pages/jobs';
import { OverviewPage } from './pages/overview';
import { PlansPage } from './pages/plans';
import { PoolsPage } from './pages/pools';
import { RulesPage } from './pages/rules';
import { SignIn } from './pages/sign-in';
import { SimImportPage } from './pages/sim-import';
import { UsagePage } from './pages/usage';
import { WebhooksPage } from './pages/webhooks';

const NAV: ReadonlyArray<readonly [string, string, Access]> = [
  ['/', 'Overview', 'read'],
  ['/clients', 'Clients', 'read'],
  ['/banks', 'Banks & slots', 'read'],
  ['/sim-import', 'SIM import', 'manage'],
  ['/ki-pools', 'KI pools', 'read'],
  ['/usage', 'Usage', 'read'],
  ['/plans', 'Plans', 'read'],
  ['/groups', 'Groups', 'read'],
  ['/jobs', 'Jobs', 'read'],
  ['/rules', 'Rules', 'read'],
  ['/incidents', 'Incidents', 'read'],
  ['/card-locks', 'Locked cards', 'read'],
  ['/carriers', 'Carriers', 'read'],
  ['/webhooks', 'Webhooks', 'read'],
  ['/api-keys', 'API keys', 'manage'],
];

export function App() {
  const [signedIn, setSignedIn] = useState(() => session.key() !== null);
  const queries = useQueryClient();
  useEffect(() => {
    const off = onUnauthorized(() => {
      session.signOut();
      setSignedIn(false);
    });
    return () => {
      off();
    };
  }, []);
  useEffect(() => {
    if (!signedIn) return;
    live.start();
    return () => live.stop();
  }, [signedIn]);

  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const signOut = () => {
    session.signOut();
    queries.clear();
    setSignedIn(false);
  };
  return <Shell onSignOut={signOut} />;
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const state = useLiveState();
  const { who, can } = useAccess();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the menu closes on every navigation
  useEffect(() => setMenuOpen(false), [location]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> Menu
        </button>
        <Link href="/" className="brand">
          IonMesh
        </Link>
        <span className={`live live-${state}`} role="status" data-testid="live-state" title={`Times shown in ${timeZone}`}>
          <span className="dot" aria-hidden="true" /> {state === 'live' ? 'Live' : state === 'off' ? 'Offline' : 'Reconnecting…'}
        </span>
        {who && (
          <span className="muted small" data-testid="who">
            {who.name} · {who.role}
            {who.tenant_id !== null ? ` · tenant ${who.tenant_id}` : ''}
          </span>
        )}
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" className={`nav ${menuOpen ? 'open' : ''}`} aria-label="Sections">
        <ul>
          {NAV.filter(([, , access]) => can(access)).map(([href, label]) => {
            const active = href === '/' ? location === '/' : location.startsWith(href);
            return (
              <li key={href}>
                <Link href={href} aria-current={active ? 'page' : undefined} className={active ? 'active' : ''}>
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Switch>
          <Route path="/" component={OverviewPage} />
          <Route path="/clients" component={ClientsPage} />
          <Route path="/clients/:id">{(p) => <ClientPage clientId={decodeURIComponent(p.id)} />}</Route>
          <Route path="/banks">{() => <BanksPage />}</Route>
          <Route path="/banks/:id">{(p) => <BanksPage bankId={Number(p.id)} />}</Route>
          <Route path="/sim-import" component={SimImportPage} />
          <Route path="/ki-pools" component={PoolsPage} />
          <Route path="/carriers" component={CarriersPage} />
          <Route path="/usage" component={UsagePage} />
          <Route path="/plans" component={PlansPage} />
          <Route path="/groups" component={GroupsPage} />
          <Route path="/jobs" component={JobsPage} />
          <Route path="/rules" component={RulesPage} />
          <Route path="/incidents" component={IncidentsPage} />
          <Route path="/card-locks" component={CardLocksPage} />
          <Route path="/webhooks" component={WebhooksPage} />
          <Route path="/api-keys" component={ApiKeysPage} />
          <Route>
            <h1>Not found</h1>
            <p>
              There is no such page. <Link href="/">Back to the overview</Link>.
            </p>
          </Route>
        </Switch>
      </main>
    </div>
  );
}
