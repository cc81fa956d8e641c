import { html } from '../html.js';
import { useApi } from '../api.js';
import { ErrorAlert, Loading, LoginPrompt, PageTitle } from '../ui.js';
import { REPORT_STATE, formatDate, formatNumber, themeLabel } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { CommentsSection } from './comments.js';

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
          (d) => html`<tr><td>${d.code}</td><th scope="row" class="fw-normal">${
            d.state === 'SUBMITTED' ? html`<a href=${`/piani/${id}/relazioni-sociali/${d.code}`}>${d.name}</a>` : d.name
          }</th>
          <td>${REPORT_STATE[d.state] ?? d.state}</td></tr>`,
        )}</tbody>
      </table></div>`
    }`;
}

const TRANSFERABILITY = { HIGH: 'alta', MEDIUM: 'media', LOW: 'bassa' };

function Findings({ title, items, plan }) {
  if (!items?.length) return null;
  return html`<section class="mb-4"><h2 class="h4">${title}</h2><ul>${items.map(
    (f) => html`<li class="mb-2"><span style="white-space: pre-line">${f.text}</span>
      ${f.theme ? html` <span class="badge bg-light text-dark">${themeLabel(plan, f.theme)}</span>` : ''}</li>`,
  )}</ul></section>`;
}

/**
 * A district's Relazione Sociale once the region has published it, with its comments (docs/dialogue.md): public from
 * then on. Before publication only the region's staff and the district's operators may read it, so everybody else is
 * told only that it is not published (the API does not say whether it exists).
 */
export function SocialReportPage({ id, sub, session, onLogin }) {
  const plan = usePlan(id);
  const report = useApi(`/api/plans/${id}/social-reports/${encodeURIComponent(sub)}`);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const r = report.data;
  const title = r ? `Relazione sociale — ${r.districtName}` : 'Relazione sociale d’ambito';
  const hidden = report.error && [401, 403, 404].includes(report.error.status);
  return html`
    <${PageTitle} title=${title} />
    <${PlanNav} plan=${plan.data} current="socialReports" session=${session} />
    ${hidden && html`<p class="alert alert-info">Questa relazione sociale non è pubblicata.</p>`}
    ${report.error && !hidden && html`<${ErrorAlert} error=${report.error} />`}
    ${!r && !report.error && html`<${Loading} />`}
    ${
      r &&
      html`<p class="lead">Ambito <strong>${r.districtName}</strong> (${r.districtCode}) ·
        ${r.published ? 'pubblicata dalla Regione' : 'non ancora pubblicata: visibile solo alla Regione e all’Ambito'}
        ${r.submittedAt ? html` · inviata il <time datetime=${r.submittedAt}>${formatDate(r.submittedAt)}</time>` : ''}</p>
      <${Findings} title="Risultati raggiunti" items=${r.content?.resultsAchieved} plan=${plan.data} />
      ${
        r.content?.effectivePractices?.length > 0 &&
        html`<section class="mb-4"><h2 class="h4">Pratiche efficaci</h2><ul>${r.content.effectivePractices.map(
          (p) => html`<li class="mb-2"><strong>${p.title}</strong>
            ${p.theme ? html` <span class="badge bg-light text-dark">${themeLabel(plan.data, p.theme)}</span>` : ''}
            <p class="mb-1" style="white-space: pre-line">${p.description}</p>
            <p class="small text-muted mb-0">Trasferibilità ${TRANSFERABILITY[p.transferability] ?? p.transferability}${
              p.transferabilityNotes ? `: ${p.transferabilityNotes}` : ''
            }</p></li>`,
        )}</ul></section>`
      }
      <${Findings} title="Criticità" items=${r.content?.criticalIssues} plan=${plan.data} />
      <${Findings} title="Bisogni non soddisfatti" items=${r.content?.unmetNeeds} plan=${plan.data} />
      ${
        r.content?.attachments?.length > 0 &&
        html`<section class="mb-4"><h2 class="h4">Allegati</h2><ul>${r.content.attachments.map(
          (a) => html`<li><a href=${a.url} rel="noopener noreferrer">${a.title}</a></li>`,
        )}</ul></section>`
      }
      ${
        r.published &&
        html`<${CommentsSection} path=${`/api/social-reports/${r.id}/comments`} session=${session} onLogin=${onLogin} />`
      }`
    }`;
}
