import { html } from './html.js';
import { login, logout, useSession } from './auth.js';
import { useRoute } from './router.js';
import { Home } from './pages/home.js';
import { PlanPage } from './pages/plan.js';
import { ProposalList } from './pages/proposals.js';
import { ProposalPage } from './pages/proposal.js';
import { NewProposal } from './pages/new-proposal.js';
import { SurveyList, SurveyPage } from './pages/survey.js';
import { MeetingList } from './pages/meetings.js';
import { SynthesisPage } from './pages/synthesis.js';
import { ModerationQueue } from './pages/moderation.js';
import { SocialReportCoverage } from './pages/social-reports.js';
import { TerritoryVersions, TerritoryVersionPage } from './pages/territories.js';
import { PageTitle } from './ui.js';

const PAGES = {
  home: Home,
  plan: PlanPage,
  proposals: ProposalList,
  newProposal: NewProposal,
  proposal: ProposalPage,
  surveys: SurveyList,
  survey: SurveyPage,
  meetings: MeetingList,
  synthesis: SynthesisPage,
  moderation: ModerationQueue,
  socialReports: SocialReportCoverage,
  territories: TerritoryVersions,
  territoryVersion: TerritoryVersionPage,
};

function NotFound() {
  return html`<${PageTitle} title="Pagina non trovata" /><p>La pagina richiesta non esiste. <a href="#/">Torna alla home</a>.</p>`;
}

function Header({ session }) {
  return html`<header class="it-header-wrapper">
    <div class="it-header-slim-wrapper">
      <div class="container"><div class="it-header-slim-wrapper-content">
        <span class="d-lg-block navbar-brand">Co-programmazione delle politiche sociali</span>
        <div class="it-header-slim-right-zone">
          ${
            session
              ? html`<span class="me-3 text-white" data-testid="utente">${session.name}</span>
                <button type="button" class="btn btn-primary btn-sm" onClick=${logout}>Esci</button>`
              : html`<button type="button" class="btn btn-primary btn-sm" onClick=${login}>Accedi</button>`
          }
        </div>
      </div></div>
    </div>
    <div class="it-header-center-wrapper">
      <div class="container"><div class="it-header-center-content-wrapper">
        <div class="it-brand-wrapper">
          <a href="#/"><div class="it-brand-text">
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
  const Page = PAGES[route.name] ?? NotFound;
  const skip = (event) => {
    event.preventDefault();
    document.getElementById('contenuto')?.focus();
  };
  return html`
    <a class="visually-hidden-focusable skip-link" href="#contenuto" onClick=${skip}>Vai al contenuto</a>
    <${Header} session=${session} />
    <main id="contenuto" tabindex="-1" class="container my-4">
      <${Page} id=${route.id} sub=${route.sub} params=${route.params} session=${session} onLogin=${login} />
    </main>
    <footer class="it-footer"><div class="it-footer-main"><div class="container py-4">
      <p class="mb-1">Coprogram — piattaforma aperta per la co-programmazione delle politiche sociali regionali.</p>
      <p class="mb-0"><a class="text-white" href="/openapi.json">API pubblica (OpenAPI)</a> ·
        <a class="text-white" href="/asyncapi.yaml">Catalogo degli eventi (AsyncAPI)</a></p>
    </div></div></footer>`;
}
