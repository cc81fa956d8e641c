import { html } from './html.js';
import { login, logout, useSession } from './auth.js';
import { useRoute } from './router.js';
import { Loading, PageTitle } from './ui.js';
import { useEffect, useState } from 'preact/hooks';
import { useUnreadCount } from './unread.js';

// Each page is its own chunk, loaded when its route is first shown: a visitor of the home page does not download the
// questionnaire, and Chart.js comes only with the synthesis page.
const PAGES = {
  home: () => import('./pages/home.js').then((m) => m.Home),
  plan: () => import('./pages/plan.js').then((m) => m.PlanPage),
  proposals: () => import('./pages/proposals.js').then((m) => m.ProposalList),
  newProposal: () => import('./pages/new-proposal.js').then((m) => m.NewProposal),
  proposal: () => import('./pages/proposal.js').then((m) => m.ProposalPage),
  surveys: () => import('./pages/survey.js').then((m) => m.SurveyList),
  survey: () => import('./pages/survey.js').then((m) => m.SurveyPage),
  meetings: () => import('./pages/meetings.js').then((m) => m.MeetingList),
  synthesis: () => import('./pages/synthesis.js').then((m) => m.SynthesisPage),
  moderation: () => import('./pages/moderation.js').then((m) => m.ModerationQueue),
  socialReports: () => import('./pages/social-reports.js').then((m) => m.SocialReportCoverage),
  socialReport: () => import('./pages/social-reports.js').then((m) => m.SocialReportPage),
  planDocument: () => import('./pages/plan-document.js').then((m) => m.PlanDocumentPage),
  planDocumentVersion: () => import('./pages/plan-document.js').then((m) => m.PlanDocumentPage),
  planDocumentDiff: () => import('./pages/plan-document.js').then((m) => m.DocumentDiffPage),
  planDraft: () => import('./pages/plan-staff.js').then((m) => m.DraftEditorPage),
  planLinks: () => import('./pages/plan-staff.js').then((m) => m.LinkContributionsPage),
  accountability: () => import('./pages/accountability.js').then((m) => m.AccountabilityPage),
  measure: () => import('./pages/accountability.js').then((m) => m.MeasurePage),
  territories: () => import('./pages/territories.js').then((m) => m.TerritoryVersions),
  territoryVersion: () => import('./pages/territories.js').then((m) => m.TerritoryVersionPage),
  participation: () => import('./pages/participation.js').then((m) => m.ParticipationPage),
  notifications: () => import('./pages/notifications.js').then((m) => m.NotificationsPage),
  preferences: () => import('./pages/notifications.js').then((m) => m.PreferencesPage),
};

const loaded = new Map();

/** The page component of a route, loading its chunk once; main.js starts it while the session is restored. */
export function loadPage(name) {
  if (!PAGES[name]) return Promise.resolve(NotFound);
  if (!loaded.has(name)) {
    const loading = PAGES[name]().then(
      (component) => {
        loaded.set(name, component);
        return component;
      },
      (error) => {
        loaded.delete(name);
        throw error;
      },
    );
    loaded.set(name, loading);
  }
  return Promise.resolve(loaded.get(name));
}

function usePage(name) {
  const ready = () => {
    const page = PAGES[name] ? loaded.get(name) : NotFound;
    return typeof page === 'function' ? page : null;
  };
  const [state, setState] = useState(() => ({ name, page: ready(), error: null }));
  useEffect(() => {
    if (state.name === name && state.page) return undefined;
    let current = true;
    setState({ name, page: ready(), error: null });
    loadPage(name)
      .then((page) => current && setState({ name, page, error: null }))
      .catch((error) => current && setState({ name, page: null, error }));
    return () => {
      current = false;
    };
  }, [name]);
  return state.name === name ? state : { name, page: ready(), error: null };
}

function NotFound() {
  return html`<${PageTitle} title="Pagina non trovata" /><p>La pagina richiesta non esiste. <a href="/">Torna alla home</a>.</p>`;
}

/** The signed-in person's links: their participation and the notification centre with the unread count. */
function PersonalLinks({ session, route }) {
  const unread = useUnreadCount(session, route);
  return html`<nav aria-label="Area personale" class="d-inline-block me-3">
    <a class="text-white me-3" href="/partecipazione">La mia partecipazione</a>
    <a class="text-white" href="/notifiche">Notifiche${
      unread > 0 &&
      html` <span class="badge bg-white text-dark" data-testid="notifiche-non-lette">${unread}<span class="visually-hidden"> da leggere</span></span>`
    }</a>
  </nav>`;
}

function Header({ session, route }) {
  return html`<header class="it-header-wrapper">
    <div class="it-header-slim-wrapper">
      <div class="container"><div class="it-header-slim-wrapper-content">
        <span class="d-lg-block navbar-brand">Co-programmazione delle politiche sociali</span>
        <div class="it-header-slim-right-zone">
          ${
            session
              ? html`<${PersonalLinks} session=${session} route=${route.name + route.id} />
                <span class="me-3 text-white" data-testid="utente">${session.name}</span>
                <button type="button" class="btn btn-primary btn-sm" onClick=${logout}>Esci</button>`
              : html`<button type="button" class="btn btn-primary btn-sm" onClick=${login}>Accedi</button>`
          }
        </div>
      </div></div>
    </div>
    <div class="it-header-center-wrapper">
      <div class="container"><div class="it-header-center-content-wrapper">
        <div class="it-brand-wrapper">
          <a href="/"><div class="it-brand-text">
            <div class="it-brand-title">Coprogram</div>
            <div class="it-brand-tagline d-none d-md-block">Partecipa al Piano regionale delle politiche sociali</div>
          </div></a>
        </div>
      </div></div>
    </div>
  </header>`;
}

export function App() {
  const route = useRoute();
  const session = useSession();
  const { page: Page, error } = usePage(route.name);
  const skip = (event) => {
    event.preventDefault();
    document.getElementById('contenuto')?.focus();
  };
  return html`
    <a class="visually-hidden-focusable skip-link" href="#contenuto" onClick=${skip}>Vai al contenuto</a>
    <${Header} session=${session} route=${route} />
    <main id="contenuto" tabindex="-1" class="container my-4">
      ${
        Page
          ? html`<${Page} id=${route.id} sub=${route.sub} params=${route.params} session=${session} onLogin=${login} />`
          : error
            ? html`<div class="alert alert-danger" role="alert">La pagina non si è caricata: ricarica la pagina e riprova.</div>`
            : html`<${Loading} />`
      }
    </main>
    <footer class="it-footer"><div class="it-footer-main"><div class="container py-4">
      <p class="mb-1">Coprogram — piattaforma aperta per la co-programmazione delle politiche sociali regionali.</p>
      <p class="mb-0"><a class="text-white" href="/openapi.json">API pubblica (OpenAPI)</a> ·
        <a class="text-white" href="/asyncapi.yaml">Catalogo degli eventi (AsyncAPI)</a></p>
    </div></div></footer>`;
}
