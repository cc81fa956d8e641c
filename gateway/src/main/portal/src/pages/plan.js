import { html } from '../html.js';
import { ErrorAlert, Loading, PageTitle } from '../ui.js';
import { PHASE, PHASES, REGION, formatDate } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';

function PhaseTimeline({ phase }) {
  const index = PHASES.findIndex(([code]) => code === phase);
  const closed = phase === 'CLOSED';
  return html`<section aria-labelledby="fasi-titolo" class="mb-4">
    <h2 id="fasi-titolo" class="h4">Le fasi del percorso</h2>
    <ol class="phase-timeline">
      ${PHASES.map(([code, label], i) => {
        const state = code === phase ? 'current' : closed || (index >= 0 && i < index) ? 'done' : 'next';
        const suffix = { current: 'fase in corso', done: 'conclusa', next: 'da avviare' }[state];
        return html`<li class=${state} aria-current=${state === 'current' ? 'step' : undefined}>
          ${i + 1}. ${label} <span class="visually-hidden">(${suffix})</span>
          ${state === 'done' && html`<span aria-hidden="true"> ✓</span>`}
        </li>`;
      })}
    </ol>
  </section>`;
}

export function PlanPage({ id, session }) {
  const plan = usePlan(id);
  if (plan.loading && !plan.data) return html`<${Loading} />`;
  if (plan.error) return html`<${PageTitle} title="Piano" /><${ErrorAlert} error=${plan.error} />`;
  const p = plan.data;
  return html`
    <p class="text-uppercase small mb-1">${REGION[p.region] ?? p.region}</p>
    <${PageTitle} title=${p.title} />
    <${PlanNav} plan=${p} current="plan" session=${session} />
    <p>Periodo di programmazione: ${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}.
      Fase attuale: <strong data-testid="fase">${PHASE[p.phase] ?? p.phase}</strong>.</p>
    <${PhaseTimeline} phase=${p.phase} />
    ${
      p.adoption &&
      html`<p class="alert alert-info">Piano adottato con deliberazione di Giunta n. ${p.adoption.resolutionNumber}
      del ${formatDate(p.adoption.date ?? p.adoption.adoptedOn)}.</p>`
    }
    <section aria-labelledby="aree-titolo">
      <h2 id="aree-titolo" class="h4">Aree di intervento</h2>
      <ul>${p.themes.map((t) => html`<li>${t.label}</li>`)}</ul>
    </section>
    ${
      p.phase === 'CONSULTATION' &&
      html`<p><a class="btn btn-primary me-2" href=${`#/piani/${p.id}/proposte/nuova`}>Invia una proposta</a>
      <a class="btn btn-outline-primary" href=${`#/piani/${p.id}/questionari`}>Compila il questionario</a></p>`
    }`;
}
