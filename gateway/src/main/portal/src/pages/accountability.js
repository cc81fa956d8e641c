import { html } from '../html.js';
import { useApi } from '../api.js';
import { Breadcrumb, ErrorAlert, Loading, PageTitle } from '../ui.js';
import { CATEGORY, OUTCOME, PHASE, PRIORITY, formatDate, formatEuro, formatNumber, formatPercent } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { CommentsSection } from './comments.js';
import { ResourcesTable, TotalsTable, scopeText } from './plan-document.js';

// Public accountability (docs/plan-document.md, "Accountability"): a measure's page with its indicators' progress per
// district over time, and the region-level view of the adopted plan. Progress is drawn as plain bars next to the
// figures in tables (no chart library: the table is what screen readers read, and the page stays light).

const DIRECTION = { INCREASE: 'deve aumentare', DECREASE: 'deve diminuire' };

/** A progress bar from baseline (0%) to target (100%), decorative: the figure is written next to it. */
function Bar({ progress }) {
  if (progress === null || progress === undefined) return null;
  const width = Math.max(0, Math.min(100, Number(progress)));
  return html`<span class="progress-track" aria-hidden="true"><span class="progress-fill" style=${{ width: `${width}%` }}></span></span>`;
}

function towardText(toward) {
  if (toward === null || toward === undefined) return 'nessun valore registrato';
  return toward ? 'verso l’obiettivo' : 'non verso l’obiettivo';
}

function Indicator({ indicator }) {
  const periods = [...new Set(indicator.byDistrict.flatMap((d) => d.values.map((v) => v.period)))].sort();
  return html`<section aria-labelledby=${`indicatore-${indicator.indicatorId}`} class="mb-4" data-testid="indicatore">
    <h3 id=${`indicatore-${indicator.indicatorId}`} class="h5">${indicator.name}</h3>
    <dl class="row small mb-2">
      <dt class="col-sm-4">Unità di misura</dt><dd class="col-sm-8">${indicator.unit} (${DIRECTION[indicator.direction] ?? ''})</dd>
      <dt class="col-sm-4">Valore di partenza</dt><dd class="col-sm-8">${formatNumber(indicator.baseline)}</dd>
      <dt class="col-sm-4">Obiettivo</dt><dd class="col-sm-8">${formatNumber(indicator.target)}</dd>
      <dt class="col-sm-4">Ultimo periodo</dt><dd class="col-sm-8">${indicator.latestPeriod ?? '—'}</dd>
      <dt class="col-sm-4">Avanzamento medio degli ambiti</dt>
      <dd class="col-sm-8">${formatPercent(indicator.progress)} <${Bar} progress=${indicator.progress} />
        ${` (${towardText(indicator.towardTarget)}; ${indicator.districtsTowardTarget} ambiti su ${indicator.districtsMeasured} verso l’obiettivo)`}</dd>
    </dl>
    ${
      indicator.byDistrict.length === 0
        ? html`<p>Nessun ambito ha ancora registrato un valore.</p>`
        : html`<div class="table-wrapper"><table class="table table-sm">
          <caption>${indicator.name}: valori per ambito e periodo (${indicator.unit})</caption>
          <thead><tr><th scope="col">Ambito</th>${periods.map((p) => html`<th scope="col" class="text-end">${p}</th>`)}
            <th scope="col">Avanzamento all’ultimo valore</th></tr></thead>
          <tbody>${indicator.byDistrict.map(
            (d) => html`<tr><th scope="row" class="fw-normal">${d.districtName ?? d.districtCode}</th>
              ${periods.map((p) => {
                const v = d.values.find((x) => x.period === p);
                return html`<td class="text-end">${v ? formatNumber(v.value) : '—'}</td>`;
              })}
              <td>${formatPercent(d.progress)} <${Bar} progress=${d.progress} /></td></tr>`,
          )}</tbody>
        </table></div>`
    }
  </section>`;
}

/** `/interventi/{measureId}`: a published measure, its resources and its monitoring. */
export function MeasurePage({ id, session, onLogin }) {
  const measure = useApi(`/api/measures/${encodeURIComponent(id)}/progress`);
  if (measure.error) {
    return html`<${PageTitle} title="Intervento" /><${ErrorAlert} error=${measure.error} />`;
  }
  if (!measure.data) return html`<${Loading} />`;
  const m = measure.data;
  return html`
    <${Breadcrumb} items=${[
      ['Home', '/'],
      [m.planTitle, `/piani/${m.planId}`],
      ['Rendicontazione', `/piani/${m.planId}/rendicontazione`],
      [`Intervento ${m.code}`, null],
    ]} />
    <p class="text-uppercase small mb-1">Intervento ${m.code} · ${m.themeLabel}</p>
    <${PageTitle} title=${m.title} />
    ${
      m.inForce
        ? html`<p class="alert alert-success">Intervento del piano in vigore (versione ${m.version}${
            m.adopted
              ? `, adottata con deliberazione n. ${m.adopted.resolutionNumber} del ${formatDate(m.adopted.resolutionDate)}`
              : ''
          }).</p>`
        : html`<p class="alert alert-info">Intervento della versione ${m.version} del documento, pubblicata e non ancora in vigore.</p>`
    }
    ${m.description && html`<p class="text-pre-line">${m.description}</p>`}
    <dl class="row">
      <dt class="col-sm-3">Priorità</dt><dd class="col-sm-9">${PRIORITY[m.priority] ?? m.priority}</dd>
      <dt class="col-sm-3">Dove si applica</dt><dd class="col-sm-9">${scopeText(m.scope)}</dd>
      ${m.office && html`<dt class="col-sm-3">Ufficio responsabile</dt><dd class="col-sm-9">${m.office}</dd>`}
      <dt class="col-sm-3">Fase del piano</dt><dd class="col-sm-9">${PHASE[m.phase] ?? m.phase}</dd>
    </dl>
    <section aria-labelledby="risorse-intervento" class="mb-4">
      <h2 id="risorse-intervento" class="h4">Risorse</h2>
      <${ResourcesTable} resources=${m.resources} sources=${Object.fromEntries((m.fundingSources ?? []).map((s) => [s.code, s.label]))} total=${m.total}
        caption=${`Risorse dell'intervento ${m.code} per fonte e anno, in euro`} />
    </section>
    <section aria-labelledby="monitoraggio-intervento" class="mb-4">
      <h2 id="monitoraggio-intervento" class="h4">Monitoraggio</h2>
      ${m.indicators.length === 0 && html`<p>L’intervento non ha indicatori di monitoraggio.</p>`}
      ${m.indicators.map((i) => html`<${Indicator} indicator=${i} />`)}
    </section>
    <${MeasureContributions} id=${id} />
    <${CommentsSection} path=${`/api/measures/${encodeURIComponent(id)}/comments`} session=${session} onLogin=${onLogin}
      closed=${m.phase === 'MONITORING' || m.phase === 'CLOSED' ? 'Il piano è adottato: i commenti sugli interventi sono chiusi.' : null} />`;
}

const KIND_OF_CONTRIBUTION = {
  PROPOSAL: 'Proposta',
  SURVEY_QUESTION: 'Domanda del questionario',
  MEETING_CONTRIBUTION: 'Contributo da un incontro',
  SOCIAL_REPORT_SECTION: 'Relazione sociale di ambito',
};

function CountsTable({ caption, label, rows, name }) {
  if (rows.length === 0) return null;
  return html`<div class="table-wrapper"><table class="table table-sm w-auto">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${label}</th><th scope="col" class="text-end">Contributi</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr><th scope="row" class="fw-normal">${r.code === '' ? 'Non indicato' : name(r.code)}</th>
        <td class="text-end">${formatNumber(r.contributions)}</td></tr>`,
    )}</tbody>
  </table></div>`;
}

/** The public contributions behind a measure (GET /api/measures/{id}): counted by territory and category, then listed. */
function MeasureContributions({ id }) {
  const page = useApi(`/api/measures/${encodeURIComponent(id)}`);
  const c = page.data?.contributions;
  const linked = page.data?.linked?.items ?? [];
  return html`<section aria-labelledby="contributi-intervento" class="mb-4" data-testid="contributi-intervento">
    <h2 id="contributi-intervento" class="h4">Da quali contributi nasce</h2>
    ${page.error && html`<${ErrorAlert} error=${page.error} />`}
    ${page.loading && html`<${Loading} />`}
    ${c && c.total === 0 && html`<p>Nessun contributo della consultazione è ancora collegato a questo intervento.</p>`}
    ${
      c &&
      c.total > 0 &&
      html`<p>${`${formatNumber(c.total)} contributi della consultazione collegati a questo intervento.`}</p>
        <${CountsTable} caption="Contributi per provincia" label="Provincia" rows=${c.byProvince} name=${(x) => x} />
        <${CountsTable} caption="Contributi per ambito territoriale" label="Ambito" rows=${c.byDistrict} name=${(x) => x} />
        <${CountsTable} caption="Contributi per categoria di chi partecipa" label="Categoria" rows=${c.byCategory}
          name=${(x) => CATEGORY[x] ?? x} />
        <ul class="list-unstyled">${linked.map(
          (l) => html`<li class="mb-3 border-start ps-3">
            <p class="small text-uppercase mb-1">${KIND_OF_CONTRIBUTION[l.contribution.kind] ?? l.contribution.kind}${
              l.viaCluster ? ` · dal gruppo «${l.viaCluster.label}»` : ''
            }</p>
            <h3 class="h6 mb-1">${
              l.contribution.kind === 'PROPOSAL'
                ? html`<a href=${`/proposte/${l.contribution.id}`}>${l.title}</a>`
                : l.title
            }</h3>
            ${l.excerpt && html`<p class="mb-1">${l.excerpt}</p>`}
            <p class="mb-0"><strong>${OUTCOME[l.outcome] ?? l.outcome}</strong>: ${l.reason}</p>
          </li>`,
        )}</ul>`
    }
  </section>`;
}

/** `/piani/{id}/rendicontazione`: the adopted plan's resources and its measures' progress by theme. */
export function AccountabilityPage({ id, session }) {
  const plan = usePlan(id);
  const view = useApi(`/api/plans/${id}/accountability`);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const p = plan.data;
  const a = view.data;
  const sources = a ? Object.fromEntries(a.fundingSources.map((s) => [s.code, s.label])) : {};
  return html`
    <${Breadcrumb} items=${[
      ['Home', '/'],
      [p.title, `/piani/${p.id}`],
      ['Rendicontazione', null],
    ]} />
    <${PageTitle} title="Rendicontazione del piano" />
    <${PlanNav} plan=${p} current="accountability" session=${session} />
    ${view.error?.status === 404 && html`<p>Il documento del piano non ha ancora versioni pubblicate.</p>`}
    ${view.error?.status !== 404 && html`<${ErrorAlert} error=${view.error} />`}
    ${view.loading && html`<${Loading} />`}
    ${
      a &&
      html`<p>${
        a.adopted
          ? `Piano adottato con deliberazione n. ${a.adopted.resolutionNumber} del ${formatDate(a.adopted.resolutionDate)} (versione ${a.version} del documento).`
          : `Il piano non è ancora adottato: si mostra la versione ${a.version}, l’ultima pubblicata.`
      }</p>
      <ul data-testid="conteggi">
        <li>${a.counts.measures} interventi, di cui ${a.counts.measuresWithIndicators} con indicatori di monitoraggio</li>
        <li>${`${a.counts.indicators} indicatori, ${a.counts.indicatorsMeasured} con valori registrati, ${a.counts.indicatorsTowardTarget} verso l’obiettivo (${formatPercent(a.counts.shareTowardTarget)})`}</li>
        <li>Risorse in tutto: <strong>${formatEuro(a.totals.total)}</strong></li>
      </ul>
      <section aria-labelledby="rend-risorse" class="mb-4">
        <h2 id="rend-risorse" class="h4">Risorse per fonte e anno</h2>
        <${TotalsTable} totals=${a.totals} sources=${sources} caption="Risorse del piano per fonte di finanziamento e anno, in euro" />
      </section>
      ${a.themes.map(
        (t) => html`<section aria-labelledby=${`rend-area-${t.theme}`} class="mb-4">
          <h2 id=${`rend-area-${t.theme}`} class="h4">${t.label}</h2>
          <p>${`${t.counts.measures} interventi, ${formatEuro(t.total)}; indicatori verso l’obiettivo: ${t.counts.indicatorsTowardTarget} su ${t.counts.indicatorsMeasured} con valori (${formatPercent(t.counts.shareTowardTarget)}).`}</p>
          <div class="table-wrapper"><table class="table table-sm">
            <caption>Interventi dell’area ${t.label}</caption>
            <thead><tr><th scope="col">Intervento</th><th scope="col">Priorità</th>
              <th scope="col" class="text-end">Risorse</th><th scope="col">Indicatori: ultimo avanzamento</th></tr></thead>
            <tbody>${t.measures.map(
              (
                m,
              ) => html`<tr><th scope="row" class="fw-normal"><a href=${`/interventi/${m.measureId}`}>${m.code} · ${m.title}</a></th>
                <td>${PRIORITY[m.priority] ?? m.priority}</td><td class="text-end">${formatEuro(m.total)}</td>
                <td>${
                  m.latest.length === 0
                    ? 'nessuno'
                    : html`<ul class="list-unstyled mb-0">${m.latest.map(
                        (i) => html`<li>${i.name}: ${formatPercent(i.progress)}
                          ${i.latestPeriod && ` (${i.latestPeriod})`} <${Bar} progress=${i.progress} /></li>`,
                      )}</ul>`
                }</td></tr>`,
            )}</tbody>
          </table></div>
        </section>`,
      )}`
    }`;
}
