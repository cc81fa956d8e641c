import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, query, useApi } from '../api.js';
import { ErrorAlert, Field, Loading, LoginPrompt, Notice, PageTitle, Pagination } from '../ui.js';
import { FLAG_REASON, formatDateTime } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { useSubmit } from './proposal.js';

const COMMENT_TARGET = {
  PROPOSAL: 'una proposta',
  MEETING: 'un incontro',
  SOCIAL_REPORT: 'una relazione sociale',
  MEASURE: 'un intervento del piano',
};

function targetLink(item, planId) {
  const label = `Commento a ${COMMENT_TARGET[item.targetType] ?? item.targetType}`;
  if (item.targetType === 'PROPOSAL') return html`<a href=${`/proposte/${item.targetId}`}>${label}</a>`;
  if (item.targetType === 'MEASURE') return html`<a href=${`/interventi/${item.targetId}`}>${label}</a>`;
  if (item.targetType === 'MEETING') return html`<a href=${`/piani/${planId}/incontri`}>${label}</a>`;
  return label;
}

function reasons(item) {
  return item.reasons.map((r) => `${FLAG_REASON[r.reason] ?? r.reason} (${r.count})`).join(', ');
}

/**
 * One comment of the queue with the moderator's decision and its required reason (POST /api/comments/{id}/moderation):
 * a visible one is hidden or kept visible (its flags closed), a hidden one restored.
 */
function QueuedComment({ item, planId, onDecided }) {
  const [reason, setReason] = useState('');
  const decide = useSubmit(async (action) => {
    // The flags this page showed: a flag made since then makes the service ask for another look (409).
    const body = { action, reason, flagsSeenUntil: item.lastFlaggedAt ?? undefined };
    await api(`/api/comments/${item.id}/moderation`, { method: 'POST', body });
    setReason('');
    onDecided(action === 'HIDE' ? 'Il commento è stato nascosto.' : 'Il commento è visibile: segnalazioni chiuse.');
    return action;
  });
  const id = `motivo-commento-${item.id}`;
  return html`<li class="border-bottom pb-3 mb-3" data-testid="commento-in-coda">
    <article aria-labelledby=${`titolo-${item.id}`}>
      <h3 id=${`titolo-${item.id}`} class="h6 mb-1">${targetLink(item, planId)}${item.parentId ? ' (risposta)' : ''}
        ${item.hidden ? html` · <span class="badge bg-secondary">nascosto</span>` : ''}</h3>
      <blockquote class="mb-1" style="white-space: pre-line" data-testid="testo-in-coda">${item.body}</blockquote>
      <p class="small text-muted mb-2">
        ${item.organization ? html`A nome di <strong>${item.organization}</strong> · ` : ''}
        Pubblicato <time datetime=${item.createdAt}>${formatDateTime(item.createdAt)}</time> ·
        segnalazioni da esaminare ${item.openFlags} su ${item.flags}
        ${item.lastFlaggedAt ? html` · ultima <time datetime=${item.lastFlaggedAt}>${formatDateTime(item.lastFlaggedAt)}</time>` : ''}
        ${item.reasons.length > 0 ? ` · motivi: ${reasons(item)}` : ''}
      </p>
      <form onSubmit=${(e) => e.preventDefault()} noValidate>
        <${Field} id=${id} label="Motivo della decisione, per il registro della moderazione" error=${decide.fieldErrors.reason}>${(
          a,
        ) =>
          html`<input ...${a} class="form-control form-control-sm" value=${reason} required
            onInput=${(e) => setReason(e.target.value)} />`}</${Field}>
        <${ErrorAlert} error=${decide.error} />
        ${
          item.hidden
            ? html`<button type="button" class="btn btn-outline-primary btn-sm" disabled=${decide.busy}
                onClick=${() => decide.submit('RESTORE')}>Ripristina il commento</button>`
            : html`<button type="button" class="btn btn-primary btn-sm me-2" disabled=${decide.busy}
                onClick=${() => decide.submit('HIDE')}>Nascondi il commento</button>
              <button type="button" class="btn btn-outline-primary btn-sm" disabled=${decide.busy}
                onClick=${() => decide.submit('RESTORE')}>Lascia visibile e chiudi le segnalazioni</button>`
        }
      </form>
    </article>
  </li>`;
}

/** The plan's comments flagged since the last decision, or hidden ones (GET /api/plans/{id}/comment-moderation-queue). */
function CommentQueue({ planId }) {
  const [status, setStatus] = useState('FLAGGED');
  const [page, setPage] = useState(0);
  const [done, setDone] = useState(null);
  const queue = useApi(`/api/plans/${planId}/comment-moderation-queue${query({ status, page, size: 20 })}`);
  const items = queue.data?.items ?? [];
  return html`<section aria-labelledby="coda-commenti" class="mt-5">
    <h2 id="coda-commenti" class="h4">Commenti</h2>
    <fieldset class="mb-3">
      <legend class="fs-6 fw-semibold">Quali commenti mostrare</legend>
      ${[
        ['FLAGGED', 'Segnalati, da esaminare'],
        ['HIDDEN', 'Nascosti, da ripristinare se opportuno'],
      ].map(
        ([value, label]) => html`<div class="form-check form-check-inline">
          <input class="form-check-input" type="radio" name="stato-commenti" id=${`stato-${value}`} value=${value}
            checked=${status === value} onChange=${() => {
              setStatus(value);
              setPage(0);
              setDone(null);
            }} />
          <label class="form-check-label" for=${`stato-${value}`}>${label}</label></div>`,
      )}
    </fieldset>
    <${Notice}>${done}</${Notice}>
    <${ErrorAlert} error=${queue.error} />
    ${
      queue.data &&
      html`<p role="status">${
        status === 'FLAGGED'
          ? `Commenti segnalati da esaminare: ${queue.data.total}.`
          : `Commenti nascosti: ${queue.data.total}.`
      }</p>`
    }
    ${
      items.length > 0 &&
      html`<ul class="list-unstyled">${items.map(
        (item) =>
          html`<${QueuedComment} key=${item.id} item=${item} planId=${planId} onDecided=${(message) => {
            setDone(message);
            queue.reload();
          }} />`,
      )}</ul>
      <${Pagination} page=${queue.data.page} size=${queue.data.size} total=${queue.data.total} onPage=${setPage} />`
    }
  </section>`;
}

export function ModerationQueue({ id, session, onLogin }) {
  const plan = usePlan(id);
  const [page, setPage] = useState(0);
  const moderator = session?.has('moderator');
  const queue = useApi(moderator ? `/api/plans/${id}/moderation-queue${query({ page, size: 20 })}` : null);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  return html`
    <${PageTitle} title="Coda di moderazione" />
    <${PlanNav} plan=${plan.data} current="moderation" session=${session} />
    ${!session && html`<${LoginPrompt} action="moderare i contenuti" onLogin=${onLogin} />`}
    ${session && !moderator && html`<p class="alert alert-warning">Questa pagina è riservata ai moderatori.</p>`}
    ${moderator && html`<h2 class="h4">Proposte</h2>`}
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
        <td>${reasons(item)}</td>
        <td>${formatDateTime(item.lastFlaggedAt)}</td>
        <td>${item.proposal.visibility === 'VISIBLE' ? 'visibile' : 'nascosta'}</td></tr>`,
      )}</tbody>
    </table></div>
    <${Pagination} page=${queue.data.page} size=${queue.data.size} total=${queue.data.total} onPage=${setPage} />`
    }
    ${moderator && html`<${CommentQueue} planId=${id} />`}`;
}
