import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { query, useApi } from '../api.js';
import { ErrorAlert, Loading, LoginPrompt, PageTitle, Pagination } from '../ui.js';
import { FLAG_REASON, formatDateTime } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';

export function ModerationQueue({ id, session, onLogin }) {
  const plan = usePlan(id);
  const [page, setPage] = useState(0);
  const queue = useApi(
    session?.has('moderator') ? `/api/plans/${id}/moderation-queue${query({ page, size: 20 })}` : null,
  );
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  return html`
    <${PageTitle} title="Coda di moderazione" />
    <${PlanNav} plan=${plan.data} current="moderation" session=${session} />
    ${!session && html`<${LoginPrompt} action="moderare i contenuti" onLogin=${onLogin} />`}
    ${session && !session.has('moderator') && html`<p class="alert alert-warning">Questa pagina è riservata ai moderatori.</p>`}
    <${ErrorAlert} error=${queue.error} />
    ${queue.data?.items.length === 0 && html`<p>Nessuna proposta da esaminare.</p>`}
    ${
      queue.data &&
      queue.data.items.length > 0 &&
      html`<div class="table-wrapper"><table class="table">
      <caption>Proposte segnalate o nascoste, da esaminare</caption>
      <thead><tr><th scope="col">Proposta</th><th scope="col">Segnalazioni aperte</th><th scope="col">Motivi</th>
        <th scope="col">Ultima segnalazione</th><th scope="col">Visibilità</th></tr></thead>
      <tbody>${queue.data.items.map(
        (item) => html`<tr>
        <th scope="row" class="fw-normal"><a href=${`/proposte/${item.proposal.id}`}>${item.proposal.title}</a></th>
        <td>${item.openFlags} su ${item.flags}</td>
        <td>${item.reasons.map((r) => `${FLAG_REASON[r.reason] ?? r.reason} (${r.count})`).join(', ')}</td>
        <td>${formatDateTime(item.lastFlaggedAt)}</td>
        <td>${item.proposal.visibility === 'VISIBLE' ? 'visibile' : 'nascosta'}</td></tr>`,
      )}</tbody>
    </table></div>
    <${Pagination} page=${queue.data.page} size=${queue.data.size} total=${queue.data.total} onPage=${setPage} />`
    }`;
}
