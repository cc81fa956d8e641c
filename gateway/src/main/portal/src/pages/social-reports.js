import { html } from '../html.js';
import { useApi } from '../api.js';
import { ErrorAlert, Loading, LoginPrompt, PageTitle } from '../ui.js';
import { REPORT_STATE, formatNumber } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';

export function SocialReportCoverage({ id, session, onLogin }) {
  const plan = usePlan(id);
  const coverage = useApi(session?.has('region-staff') ? `/api/plans/${id}/social-reports/coverage` : null);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const c = coverage.data;
  return html`
    <${PageTitle} title="Relazioni sociali degli Ambiti" />
    <${PlanNav} plan=${plan.data} current="socialReports" session=${session} />
    ${!session && html`<${LoginPrompt} action="vedere lo stato delle relazioni sociali" onLogin=${onLogin} />`}
    ${session && !session.has('region-staff') && html`<p class="alert alert-warning">Questa pagina è riservata al personale regionale.</p>`}
    <${ErrorAlert} error=${coverage.error} />
    ${
      c &&
      html`<p>Ambiti: <strong>${formatNumber(c.districts)}</strong> · relazioni inviate <strong>${formatNumber(c.submitted)}</strong>
      · in compilazione ${formatNumber(c.draft)} · non iniziate ${formatNumber(c.notStarted)}.</p>
      <div class="progress mb-4" role="progressbar" aria-label="Relazioni inviate" aria-valuemin="0" aria-valuemax=${c.districts}
        aria-valuenow=${c.submitted}><div class="progress-bar" style=${{ width: `${c.districts ? (100 * c.submitted) / c.districts : 0}%` }}></div></div>
      <div class="table-wrapper"><table class="table">
        <caption>Stato della relazione sociale per Ambito</caption>
        <thead><tr><th scope="col">Codice</th><th scope="col">Ambito</th><th scope="col">Stato</th></tr></thead>
        <tbody>${c.byDistrict.map(
          (d) => html`<tr><td>${d.code}</td><th scope="row" class="fw-normal">${d.name}</th>
          <td>${REPORT_STATE[d.state] ?? d.state}</td></tr>`,
        )}</tbody>
      </table></div>`
    }`;
}
