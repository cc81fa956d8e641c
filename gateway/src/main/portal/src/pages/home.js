import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { query, useApi } from '../api.js';
import { ErrorAlert, Loading, PageTitle, Pagination } from '../ui.js';
import { PHASE, REGION, formatDate } from '../labels.js';

export function Home() {
  const [page, setPage] = useState(0);
  const plans = useApi(`/api/plans${query({ page, size: 12 })}`);
  return html`
    <${PageTitle} title="Piani regionali delle politiche sociali" />
    <p class="lead">Scegli il piano della tua Regione: leggi e sostieni le proposte, rispondi al questionario, partecipa agli
      incontri e segui la sintesi dei contributi.</p>
    <section aria-labelledby="territori-titolo" class="mb-4">
      <h2 id="territori-titolo" class="h4">Territori</h2>
      <p>Gli ambiti sociali di ogni Regione, i loro comuni e le versioni caricate dalla Regione:
        ${Object.entries(REGION).map(
          ([code, name], i) => html`${i > 0 ? ' · ' : ''}<a href=${`/territori/${code}`}>${name}</a>`,
        )}.</p>
    </section>
    ${plans.loading && html`<${Loading} />`}
    <${ErrorAlert} error=${plans.error} />
    ${
      plans.data &&
      html`<ul class="list-unstyled row" aria-label="Piani">
        ${plans.data.items.map(
          (plan) => html`<li class="col-12 col-md-6 col-lg-4 mb-4">
            <article class="card card-bg h-100"><div class="card-body">
              <p class="mb-1 text-uppercase small">${REGION[plan.region] ?? plan.region}</p>
              <h2 class="h5 card-title"><a href=${`/piani/${plan.id}`}>${plan.title}</a></h2>
              <p class="card-text mb-1">Periodo: ${formatDate(plan.periodStart)} – ${formatDate(plan.periodEnd)}</p>
              <p class="card-text">Fase: <strong>${PHASE[plan.phase] ?? plan.phase}</strong></p>
            </div></article>
          </li>`,
        )}
      </ul>
      <${Pagination} page=${plans.data.page} size=${plans.data.size} total=${plans.data.total} onPage=${setPage} />`
    }`;
}
