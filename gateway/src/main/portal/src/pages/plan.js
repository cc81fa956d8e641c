import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, useApi } from '../api.js';
import { ErrorAlert, Field, Loading, Notice, PageTitle } from '../ui.js';
import { PHASE, PHASES, REGION, formatDate } from '../labels.js';
import { FollowButton } from './follow.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { useSubmit } from './proposal.js';

/**
 * The territory version the plan uses: where its districts and populations come from. Region staff of the plan's
 * region may move it to another version; coverage and equity figures follow.
 */
function PlanTerritory({ plan, session }) {
  const territory = useApi(`/api/plans/${plan.id}/territory`);
  const versions = useApi(
    session?.has('region-staff') && session.region === plan.region
      ? `/api/territories/${plan.region}/versions?size=100`
      : null,
  );
  const [version, setVersion] = useState('');
  const [note, setNote] = useState('');
  const move = useSubmit(async () => {
    const moved = await api(`/api/plans/${plan.id}/territory`, {
      method: 'PUT',
      body: { version: Number(version), note: note || undefined },
    });
    territory.reload();
    return moved;
  });
  const t = territory.data;
  return html`<section aria-labelledby="territorio-titolo" class="mb-4">
    <h2 id="territorio-titolo" class="h4">Ambiti e popolazione</h2>
    <${ErrorAlert} error=${territory.error} />
    ${
      t &&
      html`<p data-testid="versione-territori">Il piano usa la <a href=${`/territori/${plan.region}/versioni/${t.territoryVersion}`}>
        versione ${t.territoryVersion} dei territori</a> della Regione (popolazione: ${t.version.populationSource}).
        ${t.version.kind === 'SHIPPED' && ' È una composizione parziale, da fonti pubbliche, non ufficiale.'}</p>`
    }
    ${
      versions.data &&
      plan.phase !== 'CLOSED' &&
      html`<form class="row g-2 align-items-end" noValidate onSubmit=${(e) => {
        e.preventDefault();
        move.submit();
      }}>
        <div class="col-md-4"><${Field} id="sposta-versione" label="Sposta il piano sulla versione"
          error=${move.fieldErrors.version}>${(a) =>
            html`<select ...${a} class="form-select" value=${version} onChange=${(e) => setVersion(e.target.value)}>
              <option value="">Scegli la versione…</option>
              ${versions.data.items.map(
                (v) =>
                  html`<option value=${v.version}>Versione ${v.version} (dal ${formatDate(v.effectiveFrom)})</option>`,
              )}
            </select>`}</${Field}></div>
        <div class="col-md-5"><${Field} id="sposta-nota" label="Motivo (resta nel registro delle modifiche)"
          error=${move.fieldErrors.note}>${(a) =>
            html`<input ...${a} class="form-control" maxlength="500" value=${note}
              onInput=${(e) => setNote(e.target.value)} />`}</${Field}></div>
        <div class="col-md-3 mb-4"><button type="submit" class="btn btn-outline-primary" disabled=${move.busy || !version}>
          Sposta il piano</button></div>
      </form>
      <${ErrorAlert} error=${move.error} />
      <${Notice}>${move.done && `Il piano ora usa la versione ${move.done.territoryVersion}.`}</${Notice}>`
    }
  </section>`;
}

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
    <${FollowButton} type="plan" id=${p.id} session=${session} />
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
    <${PlanTerritory} plan=${p} session=${session} />
    ${
      p.phase === 'CONSULTATION' &&
      html`<p><a class="btn btn-primary me-2" href=${`/piani/${p.id}/proposte/nuova`}>Invia una proposta</a>
      <a class="btn btn-outline-primary" href=${`/piani/${p.id}/questionari`}>Compila il questionario</a></p>`
    }`;
}
