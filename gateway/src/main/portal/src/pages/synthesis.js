import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { query, useApi } from '../api.js';
import { ErrorAlert, Loading, PageTitle, RenderedAfter } from '../ui.js';
import { KIND, STATUS, formatNumber, themeLabel } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { useTerritory } from './territory.js';
import { BarChart } from './chart.js';
import { ClusterEditor } from './cluster-edits.js';

const TOTALS = [
  ['contributions', 'Contributi'],
  ['proposals', 'Proposte'],
  ['supports', 'Adesioni'],
  ['surveyResponses', 'Risposte al questionario'],
  ['meetings', 'Incontri'],
  ['meetingContributions', 'Contributi dagli incontri'],
  ['socialReports', 'Relazioni sociali'],
  ['participants', 'Partecipanti'],
];

function Totals({ totals }) {
  return html`<ul class="row list-unstyled" aria-label="Totali" data-testid="totali">
    ${TOTALS.filter(([key]) => totals[key] !== undefined).map(
      ([key, label]) => html`<li class="col-6 col-md-3 mb-3">
      <div class="card card-bg h-100"><div class="card-body py-3">
        <p class="h3 mb-0" data-total=${key}>${formatNumber(totals[key])}</p><p class="mb-0 small">${label}</p>
      </div></div></li>`,
    )}
  </ul>`;
}

function Participation({ participation }) {
  const districts = participation?.districts ?? [];
  if (districts.length === 0) return null;
  return html`<section class="mb-5 laid-out-when-near" style=${{ '--expected-height': `${districts.length * 41 + 160}px` }}
    aria-labelledby="equita-titolo">
    <h2 id="equita-titolo" class="h4">Equità della partecipazione tra gli Ambiti</h2>
    <p>Partecipanti ogni 1.000 abitanti. Mediana regionale: <strong>${formatNumber(participation.regionalMedianPer1000)}</strong>.
      Gli Ambiti sotto la mediana sono da coinvolgere di più.</p>
    <div class="table-wrapper"><table class="table table-sm">
      <caption class="visually-hidden">Partecipazione per Ambito territoriale</caption>
      <thead><tr><th scope="col">Ambito</th><th scope="col">Provincia</th><th scope="col" class="text-end">Abitanti</th>
        <th scope="col" class="text-end">Partecipanti</th><th scope="col" class="text-end">Ogni 1.000 abitanti</th><th scope="col">Rispetto alla mediana</th></tr></thead>
      <tbody>${districts.map(
        (d) => html`<tr>
        <th scope="row" class="fw-normal">${d.name}</th><td>${d.province}</td><td class="text-end">${formatNumber(d.population)}</td>
        <td class="text-end">${formatNumber(d.participants)}</td><td class="text-end">${formatNumber(d.per1000)}</td>
        <td>${d.below ? html`<strong>sotto</strong>` : 'in linea o sopra'}</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

function Clusters({ planId, scope, session, region }) {
  const clusters = useApi(`/api/plans/${planId}/synthesis/clusters${query(scope)}`);
  const analysis = clusters.data?.analysis;
  const editor = session?.has('region-staff') && session.region === region;
  return html`<section class="mb-5" aria-labelledby="gruppi-titolo">
    <h2 id="gruppi-titolo" class="h4">Gruppi di contributi simili</h2>
    <${ErrorAlert} error=${clusters.error} />
    ${
      analysis &&
      html`<p class="small">Analizzati ${formatNumber(analysis.analysed)} contributi su ${formatNumber(analysis.contributions)}. Metodo: ${analysis.method}.</p>
      ${analysis.clusters.length === 0 && html`<p>Non ci sono ancora abbastanza contributi per formare gruppi.</p>`}
      ${analysis.clusters.map(
        (c) => html`<article class="card card-bg mb-3"><div class="card-body">
        <h3 class="h6">${c.label} <span class="fw-normal">(${c.size} contributi, ${c.supports} adesioni)</span></h3>
        ${
          (c.edited || c.stable === false) &&
          html`<p class="small mb-2">
          ${c.edited && html`<span class="badge bg-primary me-2">Modificato dalla Regione</span>`}
          ${c.originalLabel && html`<span class="me-2">Nome calcolato: ${c.originalLabel}.</span>`}
          ${c.stable === false && html`<span class="badge bg-warning text-dark">Gruppo instabile: i suoi confini si spostano se cambia il 10% dei contributi</span>`}
        </p>`
        }
        <p class="small mb-2">Parole chiave: ${c.terms.join(', ')}</p>
        <ul class="mb-0">${c.representatives.map((r) => html`<li>${r.title ? html`<strong>${r.title}</strong>: ` : ''}${r.excerpt}</li>`)}</ul>
      </div></article>`,
      )}
      ${editor && html`<${ClusterEditor} planId=${planId} scope=${scope} clusters=${analysis.clusters} onChange=${clusters.reload} />`}`
    }
  </section>`;
}

export function SynthesisPage({ id, session }) {
  const plan = usePlan(id);
  const territory = useTerritory(plan.data?.region);
  const [scope, setScope] = useState({ level: 'region', code: '' });
  const synthesis = useApi(`/api/plans/${id}/synthesis${query(scope)}`);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const s = synthesis.data;
  const territories = scope.level === 'province' ? (territory?.provinces ?? []) : (territory?.districts ?? []);
  const report = (format) => `/api/plans/${id}/synthesis/report${query({ ...scope, format })}`;
  return html`
    <${PageTitle} title="Sintesi dei contributi" />
    <${PlanNav} plan=${plan.data} current="synthesis" session=${session} />
    <form class="row align-items-end mb-4" aria-label="Territorio della sintesi" onSubmit=${(e) => e.preventDefault()}>
      <div class="col-md-4 mb-2"><label for="livello" class="form-label">Livello</label>
        <select id="livello" class="form-select" value=${scope.level} onChange=${(e) => setScope({ level: e.target.value, code: '' })}>
          <option value="region">Tutta la regione</option><option value="province">Provincia</option><option value="district">Ambito</option>
        </select></div>
      ${
        scope.level !== 'region' &&
        html`<div class="col-md-8 mb-2"><label for="territorio" class="form-label">Territorio</label>
        <select id="territorio" class="form-select" value=${scope.code} onChange=${(e) => setScope({ ...scope, code: e.target.value })}>
          <option value="">Scegli…</option>${territories.map((t) => html`<option value=${t.code}>${t.name}</option>`)}
        </select></div>`
      }
    </form>
    ${synthesis.loading && !s && html`<${Loading} />`}
    ${scope.level !== 'region' && !scope.code ? html`<p>Scegli il territorio.</p>` : html`<${ErrorAlert} error=${synthesis.error} />`}
    ${
      s &&
      (scope.level === 'region' || scope.code) &&
      html`
      <p>Sintesi per <strong>${s.scope.name}</strong>, aggiornata in tempo reale (versione ${s.version}).
        Scarica: <a href=${report()}>rapporto (HTML)</a> · <a href=${report('pdf')}>PDF</a> ·
        <a href=${report('csv')}>dati aperti (CSV)</a> · <a href=${report('json')}>JSON</a></p>
      <${Totals} totals=${s.totals} />
      <div class="row">
        <div class="col-lg-6"><${RenderedAfter} height=${320}><${BarChart} id="grafico-aree" title="Contributi per area di intervento"
          labels=${s.byTheme.map((t) => t.label || themeLabel(plan.data, t.code))}
          series=${[
            { label: 'Contributi', values: s.byTheme.map((t) => t.contributions) },
            { label: 'Adesioni', values: s.byTheme.map((t) => t.supports) },
          ]} /><//></div>
        <div class="col-lg-6"><${RenderedAfter} height=${320}><${BarChart} id="grafico-territori" title="Contributi per territorio"
          labels=${s.byTerritory.map((t) => t.label)}
          series=${[
            { label: 'Contributi', values: s.byTerritory.map((t) => t.contributions) },
            { label: 'Partecipanti', values: s.byTerritory.map((t) => t.participants ?? 0) },
          ]} /><//></div>
        <div class="col-lg-6"><${RenderedAfter} height=${320}><${BarChart} id="grafico-categorie" title="Contributi per categoria di partecipanti"
          labels=${s.byCategory.map((c) => c.label)}
          series=${[{ label: 'Contributi', values: s.byCategory.map((c) => c.contributions) }]} /><//></div>
        <div class="col-lg-6"><${RenderedAfter} height=${320}><${BarChart} id="grafico-tipi" title="Contributi per tipo"
          labels=${s.byKind.map((k) => k.label)}
          series=${[{ label: 'Contributi', values: s.byKind.map((k) => k.contributions) }]} /><//></div>
      </div>
      <section class="mb-5" aria-labelledby="piu-sostenute">
        <h2 id="piu-sostenute" class="h4">Le proposte più sostenute</h2>
        <ol>${s.topProposals.map(
          (p) => html`<li><a href=${`/proposte/${p.id}`}>${p.title}</a>${' — '}
          ${[KIND[p.kind], themeLabel(plan.data, p.theme), `${p.supports} adesioni`, STATUS[p.status]].join(', ')}</li>`,
        )}</ol>
      </section>
      <${RenderedAfter} height=${600}><${Participation} participation=${s.participation} /><//>
      <${RenderedAfter}><${Clusters} planId=${id} scope=${scope} session=${session} region=${plan.data.region} /><//>`
    }`;
}
