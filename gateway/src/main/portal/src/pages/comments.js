import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, useApi } from '../api.js';
import { ErrorAlert, Field, LoginPrompt, Pagination } from '../ui.js';
import { formatDateTime } from '../labels.js';
import { useSubmit } from './proposal.js';

const PAGE_SIZE = 20;

/** The form that writes a comment or, with `parentId`, a reply to one (docs/dialogue.md). */
function CommentForm({ path, parentId, onPosted, label, submitLabel, prefix = '' }) {
  const [body, setBody] = useState('');
  const id = parentId ? `risposta-${parentId}` : `${prefix}nuovo-commento`;
  const post = useSubmit(async () => {
    const comment = await api(path, {
      method: 'POST',
      body: { body, parentId: parentId ?? null },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    setBody('');
    onPosted();
    return comment;
  });
  return html`<form class="mb-3" onSubmit=${(e) => {
    e.preventDefault();
    post.submit();
  }} noValidate>
    <${Field} id=${id} label=${label} error=${post.fieldErrors.body ?? post.fieldErrors.parentId}
      hint="Al massimo 5.000 caratteri. Potrai modificarlo per 15 minuti.">${(a) =>
        html`<textarea ...${a} class="form-control" rows="3" value=${body} onInput=${(e) => setBody(e.target.value)}></textarea>`}</${Field}>
    <${ErrorAlert} error=${post.error} />
    <button type="submit" class="btn btn-primary btn-sm" disabled=${post.busy}>${submitLabel}</button>
  </form>`;
}

function CommentBody({ comment }) {
  if (comment.status !== 'PUBLISHED') {
    return html`<p class="fst-italic text-muted mb-1" data-testid="commento-rimosso">${comment.notice}</p>`;
  }
  return html`<p class="mb-1" style="white-space: pre-line" data-testid="testo-commento">${comment.body}</p>
    <p class="small text-muted mb-2">
      ${comment.organization ? html`A nome di <strong>${comment.organization}</strong> · ` : ''}
      <time datetime=${comment.createdAt}>${formatDateTime(comment.createdAt)}</time>
      ${comment.editedAt ? ' · modificato' : ''}${comment.mine ? ' · il tuo commento' : ''}
    </p>`;
}

/**
 * A moderator of the plan's region hides a visible comment or restores a removed one, with a reason for the audit
 * trail (POST /api/comments/{id}/moderation); the service refuses other regions' moderators.
 */
function ModerateComment({ comment, onChange }) {
  const [reason, setReason] = useState('');
  const hide = comment.status === 'PUBLISHED';
  const decide = useSubmit(async () => {
    await api(`/api/comments/${comment.id}/moderation`, {
      method: 'POST',
      body: { action: hide ? 'HIDE' : 'RESTORE', reason },
    });
    onChange();
  });
  if (comment.status !== 'PUBLISHED' && comment.status !== 'REMOVED') return null;
  const id = `moderazione-commento-${comment.id}`;
  return html`<details class="small mt-1"><summary>${hide ? 'Nascondi il commento (moderazione)' : 'Ripristina il commento (moderazione)'}</summary>
    <form class="mt-2" onSubmit=${(e) => {
      e.preventDefault();
      decide.submit();
    }} noValidate>
      <${Field} id=${id} label="Motivo, per il registro della moderazione" error=${decide.fieldErrors.reason}>${(a) =>
        html`<input ...${a} class="form-control form-control-sm" value=${reason} onInput=${(e) => setReason(e.target.value)} />`}</${Field}>
      <${ErrorAlert} error=${decide.error} />
      <button type="submit" class="btn btn-outline-primary btn-sm" disabled=${decide.busy}>${hide ? 'Nascondi' : 'Ripristina'}</button>
    </form></details>`;
}

function Thread({ comment, path, session, onChange }) {
  const [replying, setReplying] = useState(false);
  const remove = useSubmit(async (id) => {
    await api(`/api/comments/${id}`, { method: 'DELETE' });
    onChange();
  });
  const deleteButton = (c) =>
    c.mine && c.status === 'PUBLISHED'
      ? html`<button type="button" class="btn btn-link btn-sm p-0 me-3" disabled=${remove.busy}
          onClick=${() => remove.submit(c.id)}>Elimina il commento</button>`
      : null;
  return html`<li class="mb-4" data-testid="commento">
    <article aria-label="Commento">
      <${CommentBody} comment=${comment} />
      ${deleteButton(comment)}
      ${session?.has('moderator') && html`<${ModerateComment} comment=${comment} onChange=${onChange} />`}
      ${
        session &&
        comment.status === 'PUBLISHED' &&
        html`<button type="button" class="btn btn-link btn-sm p-0" aria-expanded=${replying ? 'true' : 'false'}
          onClick=${() => setReplying(!replying)}>Rispondi</button>`
      }
      <${ErrorAlert} error=${remove.error} />
      ${
        replying &&
        html`<div class="ms-4 mt-2"><${CommentForm} path=${path} parentId=${comment.id} label="La tua risposta"
          submitLabel="Pubblica la risposta" onPosted=${() => {
            setReplying(false);
            onChange();
          }} /></div>`
      }
      ${
        comment.replies?.length > 0 &&
        html`<ul class="list-unstyled ms-4 mt-2 border-start ps-3" aria-label="Risposte">
          ${comment.replies.map(
            (r) => html`<li class="mb-3" data-testid="risposta"><article aria-label="Risposta">
              <${CommentBody} comment=${r} />${deleteButton(r)}
              ${session?.has('moderator') && html`<${ModerateComment} comment=${r} onChange=${onChange} />`}</article></li>`,
          )}
        </ul>`
      }
    </article>
  </li>`;
}

/**
 * The comments of a target (`/api/proposals/{id}/comments` and the like): threads, a form, replies. `count` is the
 * target's public comment count (replies included), `onChange` reloads the target after a write. Where a page shows
 * several targets' comments (the meetings), `prefix` keeps their ids apart and `level` nests their heading; `closed`
 * says why no new comment is taken, instead of the form.
 */
export function CommentsSection({ path, count, session, onLogin, onChange, prefix = '', level = 'h2', closed }) {
  const [page, setPage] = useState(0);
  const list = useApi(`${path}?page=${page}&size=${PAGE_SIZE}`);
  const total = list.data?.total ?? 0;
  const changed = () => {
    list.reload();
    onChange?.();
  };
  return html`<section aria-labelledby=${`${prefix}commenti-titolo`} class="border-top pt-4 mt-4">
    <${level} id=${`${prefix}commenti-titolo`} class="h4">Commenti${count === undefined ? '' : ` (${count})`}</${level}>
    <${ErrorAlert} error=${list.error} />
    ${list.data && total === 0 && html`<p>Nessun commento per ora.</p>`}
    ${
      list.data &&
      html`<ul class="list-unstyled">
        ${list.data.items.map((c) => html`<${Thread} comment=${c} path=${path} session=${session} onChange=${changed} />`)}
      </ul>
      <${Pagination} page=${page} size=${PAGE_SIZE} total=${total} onPage=${setPage} />`
    }
    ${closed && html`<p class="text-muted">${closed}</p>`}
    ${
      closed
        ? null
        : session
          ? html`<${CommentForm} path=${path} prefix=${prefix} label="Il tuo commento" submitLabel="Pubblica il commento"
            onPosted=${changed} />`
          : html`<${LoginPrompt} action="commentare" onLogin=${onLogin} />`
    }
  </section>`;
}
