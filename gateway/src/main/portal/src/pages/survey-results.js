import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { query, useApi } from '../api.js';
import { ErrorAlert, LabelledSelect } from '../ui.js';
import { CATEGORY, formatNumber } from '../labels.js';

const HIDDEN = 'dato non mostrato per proteggere chi ha risposto';
const shown = (value, suppressed) => (suppressed ? html`<abbr title=${HIDDEN}>n.d.</abbr>` : formatNumber(value));

function QuestionResult({ result }) {
  return html`<section class="mb-4" aria-labelledby=${`ris-${result.id}`}>
    <h3 id=${`ris-${result.id}`} class="h6">${result.label}</h3>
    <p class="small mb-2">Risposte: ${shown(result.answered, result.answeredSuppressed)}
      ${result.stats && html` · media ${formatNumber(result.stats.mean)} · mediana ${formatNumber(result.stats.median)}`}</p>
    ${
      result.cells &&
      html`<div class="table-wrapper"><table class="table table-sm">
      <caption class="visually-hidden">Risultati: ${result.label}</caption>
      <thead><tr><th scope="col">Risposta</th><th scope="col" class="text-end">Persone</th><th scope="col" class="text-end">%</th></tr></thead>
      <tbody>${result.cells.map(
        (c) => html`<tr><th scope="row" class="fw-normal">${c.label ?? c.value}</th>
        <td class="text-end">${shown(c.count, c.suppressed)}</td><td class="text-end">${shown(c.percent, c.suppressed)}</td></tr>`,
      )}</tbody>
    </table></div>`
    }
    ${
      result.borda &&
      html`<div class="table-wrapper"><table class="table table-sm">
      <caption class="visually-hidden">Punteggio Borda: ${result.label}</caption>
      <thead><tr><th scope="col">Area</th><th scope="col" class="text-end">Punti (Borda)</th></tr></thead>
      <tbody>${result.borda.map(
        (s) => html`<tr><th scope="row" class="fw-normal">${s.label ?? s.option}</th>
        <td class="text-end">${shown(s.points, s.suppressed)}</td></tr>`,
      )}</tbody>
    </table></div>`
    }
  </section>`;
}

/** Live public aggregates, sliced by province, district or category; small cells come back suppressed. */
export function SurveyResults({ surveyId, version, territory }) {
  const [filters, setFilters] = useState({ province: '', district: '', category: '' });
  const results = useApi(`/api/surveys/${surveyId}/results${query(filters)}`);
  // `version` changes when the page has just sent a response: load the results again to include it.
  useEffect(() => {
    if (version) results.reload();
  }, [version]);
  // Results are published for one slice at a time: a province, a district (with its province) or a category.
  const set = (name) => (e) => {
    const value = e.target.value;
    if (name === 'category') setFilters({ province: '', district: '', category: value });
    else if (name === 'province') setFilters({ province: value, district: '', category: '' });
    else setFilters({ province: '', district: value, category: '' });
  };
  const r = results.data;
  return html`<section class="border-top pt-4 mt-5" aria-labelledby="risultati-questionario">
    <h2 id="risultati-questionario" class="h4">Risultati in tempo reale</h2>
    <p class="small">Per proteggere chi risponde, nessun dato pubblicato, né la differenza tra due dati, conta meno di 5
      persone: le risposte date da pochi sono raggruppate in «Altre risposte», i dati che lo richiedono non sono mostrati
      (n.d.) e i risultati si aggiornano ogni 5 nuove risposte. Si può scegliere una provincia, un ambito o una categoria.</p>
    <div class="row">
      <${LabelledSelect} id="ris-provincia" label="Provincia" empty="Tutte" className="col-md-4 mb-3"
        value=${filters.province} onChange=${set('province')}
        options=${(territory?.provinces ?? []).map((p) => [p.code, p.name])} />
      <${LabelledSelect} id="ris-ambito" label="Ambito" empty="Tutti" className="col-md-4 mb-3"
        value=${filters.district} onChange=${set('district')}
        options=${(territory?.districts ?? []).map((d) => [d.code, d.name])} />
      <${LabelledSelect} id="ris-categoria" label="Categoria" empty="Tutte" className="col-md-4 mb-3"
        value=${filters.category} onChange=${set('category')} options=${Object.entries(CATEGORY)} />
    </div>
    <${ErrorAlert} error=${results.error} />
    ${
      r &&
      html`<p data-testid="rispondenti">Persone che hanno risposto: <strong>${shown(r.respondents, r.suppressed)}</strong></p>
      ${r.questions.map((q) => html`<${QuestionResult} key=${q.id} result=${q} />`)}`
    }
  </section>`;
}
