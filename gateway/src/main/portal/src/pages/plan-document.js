import { html } from '../html.js';
import { useApi } from '../api.js';
import { navigate } from '../router.js';
import { Breadcrumb, ErrorAlert, Loading, PageTitle } from '../ui.js';
import { CHANGE, PRIORITY, SCOPE_LEVEL, formatDate, formatDateTime, formatEuro, themeLabel } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';

// The plan's document (docs/plan-document.md): a published version as the public reads it, and what changed between
// two versions. Everything here is public; drafts are never requested.

export const SECTION_TITLES = {
  CONTEXT: 'Il contesto',
  NEEDS: 'I bisogni',
  PRIORITIES: 'Le priorità',
  GOVERNANCE: 'La governance',
  CRITERIA: 'I criteri di trasparenza ed equità',
};

const FIELD = {
  title: 'Titolo',
  description: 'Descrizione',
  theme: 'Area di intervento',
  leps: 'LEPS',
  priority: 'Priorità',
  scope: 'Ambito territoriale di applicazione',
  resources: 'Risorse',
  office: 'Ufficio responsabile',
  indicators: 'Indicatori di monitoraggio',
};

export function scopeText(scope) {
  if (!scope) return '—';
  const level = SCOPE_LEVEL[scope.level] ?? scope.level;
  return scope.codes?.length ? `${level}: ${scope.codes.join(', ')}` : level;
}

/** A measure's field as readable text, whatever its JSON shape. */
function fieldText(field, value, plan, sources) {
  if (value === null || value === undefined) return '—';
  if (field === 'theme') return themeLabel(plan, value);
  if (field === 'priority') return PRIORITY[value] ?? value;
  if (field === 'scope') return scopeText(value);
  if (field === 'resources') {
    return value.length
      ? value.map((r) => `${sources[r.source] ?? r.source} ${r.year}: ${formatEuro(r.amount)}`).join('; ')
      : 'nessuna';
  }
  if (field === 'indicators') return value.length ? `${value.length} indicatori` : 'nessuno';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'nessuno';
  return String(value);
}

function VersionNotice({ version }) {
  return version.adopted
    ? html`<p class="alert alert-success" data-testid="versione-adottata">Versione adottata con deliberazione di Giunta
        n. ${version.adopted.resolutionNumber} del ${formatDate(version.adopted.resolutionDate)}.
        ${version.adopted.documentUrl && html` <a href=${version.adopted.documentUrl}>Testo della deliberazione</a>.`}</p>`
    : html`<p class="alert alert-info">Versione ${version.version} pubblicata il ${formatDateTime(version.publishedAt)}:
        non è ancora il piano adottato.</p>`;
}

export function ResourcesTable({ resources, sources, caption, total }) {
  return html`<div class="table-wrapper"><table class="table table-sm">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Fonte di finanziamento</th><th scope="col">Anno</th>
      <th scope="col" class="text-end">Importo</th></tr></thead>
    <tbody>${resources.map(
      (r) => html`<tr><th scope="row" class="fw-normal">${sources[r.source] ?? r.source}</th><td>${r.year}</td>
        <td class="text-end">${formatEuro(r.amount)}</td></tr>`,
    )}</tbody>
    ${
      total !== undefined &&
      html`<tfoot><tr><th scope="row" colspan="2">Totale</th><td class="text-end fw-semibold">${formatEuro(total)}</td></tr></tfoot>`
    }
  </table></div>`;
}

/** The totals per source and year as a grid, the server's exact sums. */
export function TotalsTable({ totals, sources, caption }) {
  const years = totals.byYear.map((y) => y.year);
  const cell = (source, year) => totals.bySourceAndYear.find((c) => c.source === source && c.year === year)?.amount;
  return html`<div class="table-wrapper"><table class="table table-sm" data-testid="totali-risorse">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Fonte</th>${years.map((y) => html`<th scope="col" class="text-end">${y}</th>`)}
      <th scope="col" class="text-end">Totale</th></tr></thead>
    <tbody>${totals.bySource.map(
      (s) => html`<tr><th scope="row" class="fw-normal">${sources[s.source] ?? s.source}</th>
        ${years.map((y) => html`<td class="text-end">${cell(s.source, y) === undefined ? '—' : formatEuro(cell(s.source, y))}</td>`)}
        <td class="text-end fw-semibold">${formatEuro(s.amount)}</td></tr>`,
    )}</tbody>
    <tfoot><tr><th scope="row">Totale</th>${totals.byYear.map((y) => html`<td class="text-end fw-semibold">${formatEuro(y.amount)}</td>`)}
      <td class="text-end fw-bold" data-testid="totale-piano">${formatEuro(totals.total)}</td></tr></tfoot>
  </table></div>`;
}

function sourceLabels(version) {
  return Object.fromEntries((version.fundingSources ?? []).map((s) => [s.code, s.label]));
}

function Measure({ measure, plan, version, sources }) {
  const id = version.measureIds?.[measure.code];
  return html`<article class="card card-bg mb-3" aria-labelledby=${`intervento-${measure.code}`}>
    <div class="card-body">
      <h3 id=${`intervento-${measure.code}`} class="h5 card-title">
        <span class="badge bg-secondary me-2">${measure.code}</span>${measure.title}</h3>
      ${measure.description && html`<p class="card-text">${measure.description}</p>`}
      <dl class="row small mb-2">
        <dt class="col-sm-4">Area di intervento</dt><dd class="col-sm-8">${themeLabel(plan, measure.theme)}</dd>
        <dt class="col-sm-4">Priorità</dt><dd class="col-sm-8">${PRIORITY[measure.priority] ?? measure.priority}</dd>
        <dt class="col-sm-4">Dove si applica</dt><dd class="col-sm-8">${scopeText(measure.scope)}</dd>
        ${measure.leps?.length > 0 && html`<dt class="col-sm-4">LEPS</dt><dd class="col-sm-8">${measure.leps.join(', ')}</dd>`}
        ${measure.office && html`<dt class="col-sm-4">Ufficio responsabile</dt><dd class="col-sm-8">${measure.office}</dd>`}
      </dl>
      ${
        measure.resources.length > 0
          ? html`<${ResourcesTable} resources=${measure.resources} sources=${sources}
              caption=${`Risorse dell'intervento ${measure.code}`} />`
          : html`<p class="small">Nessuna risorsa indicata.</p>`
      }
      ${id && html`<a href=${`/interventi/${id}`}>Scheda pubblica dell'intervento ${measure.code}</a>`}
    </div>
  </article>`;
}

function VersionPicker({ planId, versions, current }) {
  return html`<nav aria-label="Versioni del documento" class="mb-3">
    <h2 class="h6">Versioni pubblicate</h2>
    <ul class="list-inline">
      ${versions.map(
        (v) => html`<li class="list-inline-item">
          <a href=${`/piani/${planId}/documento/versioni/${v.version}`}
            aria-current=${v.version === current ? 'page' : undefined}
            class=${v.version === current ? 'fw-bold' : ''}>Versione ${v.version}${v.adopted ? ' (adottata)' : ''}</a>
        </li>`,
      )}
    </ul>
    ${
      versions.length > 1 &&
      html`<a class="btn btn-outline-primary btn-sm" href=${`/piani/${planId}/documento/confronto?da=${versions[1].version}&a=${versions[0].version}`}>
        Confronta due versioni</a>`
    }
  </nav>`;
}

/** `/piani/{id}/documento` (the latest published version) and `/piani/{id}/documento/versioni/{n}`. */
export function PlanDocumentPage({ id, sub, session }) {
  const plan = usePlan(id);
  const versions = useApi(`/api/plans/${id}/document/versions?size=100`);
  const items = versions.data?.items ?? [];
  const number = sub ?? items[0]?.version;
  const version = useApi(number ? `/api/plans/${id}/document/versions/${encodeURIComponent(number)}` : null);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const p = plan.data;
  const v = version.data;
  const sources = v ? sourceLabels(v) : {};
  const title = v ? `Documento del piano, versione ${v.version}` : 'Documento del piano';
  return html`
    <${Breadcrumb} items=${[
      ['Home', '/'],
      [p.title, `/piani/${p.id}`],
      ['Documento del piano', null],
    ]} />
    <${PageTitle} title=${title} />
    <${PlanNav} plan=${p} current="planDocument" session=${session} />
    ${
      session?.has('region-staff') &&
      session.region === p.region &&
      html`<nav aria-label="Lavoro della Regione sul documento" class="mb-3" data-testid="strumenti-regione">
        <a class="btn btn-outline-primary btn-sm me-2" href=${`/piani/${p.id}/documento/bozza`}>Modifica la bozza</a>
        <a class="btn btn-outline-primary btn-sm" href=${`/piani/${p.id}/documento/collegamenti`}>Collega i contributi agli interventi</a>
      </nav>`
    }
    <${ErrorAlert} error=${versions.error ?? version.error} />
    ${versions.data && items.length === 0 && html`<p>Il documento del piano non ha ancora versioni pubblicate.</p>`}
    ${items.length > 0 && html`<${VersionPicker} planId=${p.id} versions=${items} current=${v?.version} />`}
    ${version.loading && html`<${Loading} />`}
    ${
      v &&
      html`<${VersionNotice} version=${v} />
      ${v.note && html`<p><strong>Nota della versione:</strong> ${v.note}</p>`}
      <p>Scarica: <a href=${`/api/plans/${p.id}/document/open-data/measures.csv`} download>interventi (CSV)</a> ·
        <a href=${`/api/plans/${p.id}/document/open-data/resources.csv`} download>risorse (CSV)</a> ·
        <a href=${`/api/plans/${p.id}/document/open-data/measures.json`} download>interventi (JSON)</a>
        <span class="small">(ultima versione pubblicata o adottata)</span></p>
      ${v.document.sections.map(
        (s) => html`<section aria-labelledby=${`sezione-${s.key}`} class="mb-4">
          <h2 id=${`sezione-${s.key}`} class="h4">${SECTION_TITLES[s.key] ?? s.key}</h2>
          ${s.text.split(/\n{2,}/).map((para) => html`<p class="text-pre-line">${para}</p>`)}
        </section>`,
      )}
      <section aria-labelledby="interventi-titolo" class="mb-4">
        <h2 id="interventi-titolo" class="h4">Interventi (${v.document.measures.length})</h2>
        ${v.document.measures.map((m) => html`<${Measure} measure=${m} plan=${p} version=${v} sources=${sources} />`)}
      </section>
      <section aria-labelledby="risorse-titolo" class="mb-4">
        <h2 id="risorse-titolo" class="h4">Risorse per fonte e anno</h2>
        <${TotalsTable} totals=${v.totals} sources=${sources}
          caption=${`Risorse della versione ${v.version} per fonte di finanziamento e anno, in euro`} />
      </section>`
    }`;
}

function SectionChange({ change, from, to }) {
  return html`<section aria-labelledby=${`diff-sezione-${change.key}`} class="mb-4" data-testid="modifica-sezione">
    <h3 id=${`diff-sezione-${change.key}`} class="h5">${SECTION_TITLES[change.key] ?? change.key}
      <span class="badge bg-primary ms-2">${CHANGE[change.change]}</span></h3>
    <div class="row">
      <div class="col-md-6"><h4 class="h6">Versione ${from}</h4>
        ${change.before === null ? html`<p><em>Sezione assente</em></p>` : html`<p class="diff-before text-pre-line">${change.before}</p>`}</div>
      <div class="col-md-6"><h4 class="h6">Versione ${to}</h4>
        ${change.after === null ? html`<p><em>Sezione assente</em></p>` : html`<p class="diff-after text-pre-line">${change.after}</p>`}</div>
    </div>
  </section>`;
}

function MeasureChange({ change, from, to, plan, sources }) {
  return html`<section aria-labelledby=${`diff-intervento-${change.code}`} class="mb-4" data-testid="modifica-intervento">
    <h3 id=${`diff-intervento-${change.code}`} class="h5">Intervento ${change.code}
      <span class="badge bg-primary ms-2">${CHANGE[change.change]}</span></h3>
    <div class="table-wrapper"><table class="table table-sm">
      <caption class="visually-hidden">Campi dell'intervento ${change.code} prima e dopo</caption>
      <thead><tr><th scope="col">Campo</th><th scope="col">Versione ${from}</th><th scope="col">Versione ${to}</th></tr></thead>
      <tbody>${change.fields.map(
        (f) => html`<tr><th scope="row" class="fw-normal">${FIELD[f.field] ?? f.field}</th>
          <td class="diff-before">${fieldText(f.field, f.before, plan, sources)}</td>
          <td class="diff-after">${fieldText(f.field, f.after, plan, sources)}</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

/** `/piani/{id}/documento/confronto?da=&a=`: what changed between two published versions. */
export function DocumentDiffPage({ id, params, session }) {
  const plan = usePlan(id);
  const versions = useApi(`/api/plans/${id}/document/versions?size=100`);
  const items = versions.data?.items ?? [];
  const from = params.get('da') ?? (items[1]?.version ? String(items[1].version) : '');
  const to = params.get('a') ?? (items[0]?.version ? String(items[0].version) : '');
  const ready = from && to && from !== to;
  const diff = useApi(
    ready ? `/api/plans/${id}/document/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : null,
  );
  const latest = useApi(items[0] ? `/api/plans/${id}/document/versions/${items[0].version}` : null);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const p = plan.data;
  const sources = latest.data ? sourceLabels(latest.data) : {};
  const choose = (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    navigate(`/piani/${p.id}/documento/confronto?da=${form.get('da')}&a=${form.get('a')}`);
  };
  const d = diff.data;
  return html`
    <${Breadcrumb} items=${[
      ['Home', '/'],
      [p.title, `/piani/${p.id}`],
      ['Documento del piano', `/piani/${p.id}/documento`],
      ['Confronto tra versioni', null],
    ]} />
    <${PageTitle} title="Confronto tra versioni del documento" />
    <${PlanNav} plan=${p} current="planDocument" session=${session} />
    <${ErrorAlert} error=${versions.error} />
    ${versions.data && items.length < 2 && html`<p>Servono almeno due versioni pubblicate per un confronto.</p>`}
    ${
      items.length >= 2 &&
      html`<form class="row g-2 align-items-end mb-4" onSubmit=${choose}>
        <div class="col-sm-4"><label for="confronto-da" class="form-label">Dalla versione</label>
          <select id="confronto-da" name="da" class="form-select" value=${from}>
            ${items.map((v) => html`<option value=${v.version}>Versione ${v.version}</option>`)}</select></div>
        <div class="col-sm-4"><label for="confronto-a" class="form-label">Alla versione</label>
          <select id="confronto-a" name="a" class="form-select" value=${to}>
            ${items.map((v) => html`<option value=${v.version}>Versione ${v.version}</option>`)}</select></div>
        <div class="col-sm-4"><button type="submit" class="btn btn-primary">Confronta</button></div>
      </form>`
    }
    ${from && to && from === to && html`<p class="alert alert-warning">Scegli due versioni diverse.</p>`}
    <${ErrorAlert} error=${diff.error} />
    ${diff.loading && html`<${Loading} />`}
    ${
      d &&
      html`<p role="status" data-testid="riepilogo-confronto">${`Dalla versione ${d.from} alla versione ${d.to}: ${d.sections.length} sezioni e ${d.measures.length} interventi cambiati.`}</p>
      <section aria-labelledby="diff-sezioni" class="mb-4">
        <h2 id="diff-sezioni" class="h4">Sezioni</h2>
        ${d.sections.length === 0 && html`<p>Nessuna sezione cambiata.</p>`}
        ${d.sections.map((c) => html`<${SectionChange} change=${c} from=${d.from} to=${d.to} />`)}
      </section>
      <section aria-labelledby="diff-interventi" class="mb-4">
        <h2 id="diff-interventi" class="h4">Interventi</h2>
        ${d.measures.length === 0 && html`<p>Nessun intervento cambiato.</p>`}
        ${d.measures.map(
          (c) => html`<${MeasureChange} change=${c} from=${d.from} to=${d.to} plan=${p} sources=${sources} />`,
        )}
      </section>`
    }`;
}
