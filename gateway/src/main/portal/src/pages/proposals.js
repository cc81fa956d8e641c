import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { query, useApi } from '../api.js';
import { ErrorAlert, Loading, PageTitle, Pagination } from '../ui.js';
import { CATEGORY, KIND, STATUS, formatDate, themeLabel } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { municipalityName, useTerritory } from './territory.js';

const EMPTY = { q: '', theme: '', province: '', district: '', category: '', kind: '', status: '', sort: 'recent' };

function FacetSelect({ id, label, value, onChange, options, facet }) {
  const counts = Object.fromEntries((facet ?? []).map((f) => [f.value, f.count]));
  return html`<div class="mb-3">
    <label for=${id} class="form-label">${label}</label>
    <select id=${id} class="form-select" value=${value} onChange=${(e) => onChange(e.target.value)}>
      <option value="">Tutte</option>
      ${options.map(
        ([code, text]) =>
          html`<option value=${code}>${text}${counts[code] !== undefined ? ` (${counts[code]})` : ''}</option>`,
      )}
    </select>
  </div>`;
}

export function ProposalCard({ proposal, plan, territory }) {
  return html`<article class="card card-bg mb-3" data-testid="proposta"><div class="card-body">
    <p class="small text-uppercase mb-1">${KIND[proposal.kind]} · ${themeLabel(plan, proposal.theme)}</p>
    <h3 class="h5 card-title"><a href=${`/proposte/${proposal.id}`}>${proposal.title}</a></h3>
    <p class="card-text mb-1">${municipalityName(territory, proposal.municipality)} · ${CATEGORY[proposal.category] ?? proposal.category}
      · ${formatDate(proposal.createdAt)}</p>
    <p class="card-text">Stato: <strong>${STATUS[proposal.status]}</strong> · Adesioni: <strong>${proposal.supports}</strong></p>
  </div></article>`;
}

export function ProposalList({ id, session }) {
  const plan = usePlan(id);
  const territory = useTerritory(plan.data?.region);
  const [filters, setFilters] = useState(EMPTY);
  const [draft, setDraft] = useState(EMPTY.q);
  const [page, setPage] = useState(0);
  const params = { ...filters, page, size: 10 };
  const list = useApi(`/api/plans/${id}/proposals${query(params)}`);
  const facets = useApi(`/api/plans/${id}/proposals/facets${query({ ...filters, sort: undefined })}`);
  const set = (name) => (value) => {
    setPage(0);
    setFilters({ ...filters, [name]: value });
  };
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const p = plan.data;
  const f = facets.data ?? {};
  const districts = (territory?.districts ?? []).filter(
    (d) => !filters.province || d.provinces.includes(filters.province),
  );
  return html`
    <${PageTitle} title=${`Proposte — ${p.title}`}>Proposte</${PageTitle}>
    <${PlanNav} plan=${p} current="proposals" session=${session} />
    ${
      p.phase === 'CONSULTATION' &&
      html`<p><a class="btn btn-primary" href=${`/piani/${id}/proposte/nuova`}>Invia una proposta</a></p>`
    }
    <div class="row">
      <aside class="col-12 col-lg-4" aria-labelledby="filtri-titolo">
        <h2 id="filtri-titolo" class="h5">Filtra le proposte</h2>
        <form role="search" onSubmit=${(e) => {
          e.preventDefault();
          set('q')(draft);
        }}>
          <div class="mb-3">
            <label for="cerca" class="form-label">Cerca nel titolo e nel testo</label>
            <div class="input-group">
              <input id="cerca" type="search" class="form-control" value=${draft} onInput=${(e) => setDraft(e.target.value)} />
              <button type="submit" class="btn btn-primary">Cerca</button>
            </div>
          </div>
        </form>
        <${FacetSelect} id="filtro-area" label="Area di intervento" value=${filters.theme} onChange=${set('theme')}
          options=${p.themes.map((t) => [t.code, t.label])} facet=${f.theme} />
        <${FacetSelect} id="filtro-provincia" label="Provincia" value=${filters.province}
          onChange=${(v) => {
            setPage(0);
            setFilters({ ...filters, province: v, district: '' });
          }}
          options=${(territory?.provinces ?? []).map((pr) => [pr.code, pr.name])} facet=${f.province} />
        <${FacetSelect} id="filtro-ambito" label="Ambito territoriale" value=${filters.district} onChange=${set('district')}
          options=${districts.map((d) => [d.code, d.name])} facet=${f.district} />
        <${FacetSelect} id="filtro-categoria" label="Chi propone" value=${filters.category} onChange=${set('category')}
          options=${Object.entries(CATEGORY)} facet=${f.category} />
        <${FacetSelect} id="filtro-tipo" label="Tipo" value=${filters.kind} onChange=${set('kind')}
          options=${Object.entries(KIND)} facet=${f.kind} />
        <${FacetSelect} id="filtro-stato" label="Stato" value=${filters.status} onChange=${set('status')}
          options=${Object.entries(STATUS)} facet=${f.status} />
        <button type="button" class="btn btn-outline-primary mb-4" onClick=${() => {
          setDraft('');
          setPage(0);
          setFilters(EMPTY);
        }}>
          Azzera i filtri</button>
      </aside>
      <section class="col-12 col-lg-8" aria-labelledby="risultati-titolo">
        <div class="d-flex flex-wrap justify-content-between align-items-end mb-3">
          <h2 id="risultati-titolo" class="h5 mb-0" aria-live="polite">
            ${list.data ? (list.data.total === 1 ? '1 proposta trovata' : `${list.data.total} proposte trovate`) : 'Proposte'}</h2>
          <div>
            <label for="ordina" class="form-label">Ordina per</label>
            <select id="ordina" class="form-select" value=${filters.sort} onChange=${(e) => set('sort')(e.target.value)}>
              <option value="recent">Più recenti</option>
              <option value="supports">Più sostenute</option>
            </select>
          </div>
        </div>
        ${list.loading && !list.data && html`<${Loading} />`}
        <${ErrorAlert} error=${list.error} />
        ${list.data?.items.map((proposal) => html`<${ProposalCard} proposal=${proposal} plan=${p} territory=${territory} />`)}
        ${list.data && html`<${Pagination} page=${list.data.page} size=${list.data.size} total=${list.data.total} onPage=${setPage} />`}
      </section>
    </div>`;
}
