import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { ApiError, api, useApi } from '../api.js';
import { accessToken } from '../auth.js';
import { Breadcrumb, ErrorAlert, Loading, LoginPrompt, Notice, PageTitle } from '../ui.js';
import {
  ERASURE_STATUS,
  OUTCOME,
  REGISTRATION_STATUS,
  STATUS,
  SURVEY_STATUS,
  formatDate,
  formatDateTime,
} from '../labels.js';
import { useSubmit } from './proposal.js';

// "La mia partecipazione" (docs/dialogue-participation.md): the gateway's summary GET /api/me/participation, each
// part from its own service with the caller's token; then the data rights of /work/contracts-dataright.md, "Portal":
// the export (GET /api/me/export) and the erasure request (POST|GET /api/me/erasure).

const PARTS = {
  proposals: 'Le mie proposte',
  supports: 'Le proposte che sostengo',
  comments: 'I miei commenti',
  registrations: 'Le mie iscrizioni agli incontri',
  surveyReceipts: 'I questionari a cui ho risposto',
};

/** "Che fine ha fatto" of one of my proposals: the measures it fed, once the synthesis knows it. */
function Fate({ id }) {
  const fate = useApi(`/api/proposals/${id}/fate`);
  const measures = fate.data?.measures ?? [];
  if (measures.length === 0) return html`<span class="text-muted">non ancora in un intervento del piano</span>`;
  return html`<ul class="list-unstyled mb-0">${measures.map(
    (m) =>
      html`<li><a href=${`/interventi/${m.measureId}`}>${m.code} — ${m.title}</a>: ${OUTCOME[m.outcome] ?? m.outcome}</li>`,
  )}</ul>`;
}

function Proposals({ part }) {
  return html`<div class="table-wrapper"><table class="table">
    <caption>${PARTS.proposals}: stato, risposta della Regione e che fine hanno fatto</caption>
    <thead><tr><th scope="col">Proposta</th><th scope="col">Stato</th><th scope="col">Che fine ha fatto</th>
      <th scope="col">Inviata il</th></tr></thead>
    <tbody>${part.items.map(
      (p) => html`<tr data-testid="mia-proposta">
        <th scope="row" class="fw-normal"><a href=${`/proposte/${p.id}`}>${p.title}</a>
          ${p.visibility && p.visibility !== 'VISIBLE' ? html` <span class="badge bg-warning text-dark">nascosta</span>` : ''}</th>
        <td data-testid="stato-proposta">${STATUS[p.status] ?? p.status}${
          p.mergedInto ? html` (<a href=${`/proposte/${p.mergedInto}`}>vedi la proposta</a>)` : ''
        }</td>
        <td>${p.visibility === 'VISIBLE' ? html`<${Fate} id=${p.id} />` : '—'}</td>
        <td>${formatDate(p.createdAt)}</td></tr>`,
    )}</tbody></table></div>`;
}

function Supports({ part }) {
  return html`<ul>${part.items.map(
    (p) =>
      html`<li data-testid="mio-sostegno"><a href=${`/proposte/${p.id}`}>${p.title}</a> — ${STATUS[p.status] ?? p.status}</li>`,
  )}</ul>`;
}

const COMMENT_STATE = {
  PUBLISHED: 'pubblicato',
  HIDDEN: 'nascosto dalla moderazione',
  DELETED: 'eliminato da te',
};

/** Where a comment of mine is: its proposal, meeting or measure page; a social report's page is the plan's list. */
function commentPlace(c) {
  switch (c.targetType) {
    case 'PROPOSAL':
      return [`/proposte/${c.targetId}`, 'una proposta'];
    case 'MEETING':
      return [`/piani/${c.planId}/incontri#incontro-${c.targetId}`, 'un incontro'];
    case 'MEASURE':
      return [`/interventi/${c.targetId}`, 'un intervento del piano'];
    default:
      return [`/piani/${c.planId}`, 'una relazione sociale'];
  }
}

function Comments({ part }) {
  return html`<ul>${part.items.map((c) => {
    const [href, what] = commentPlace(c);
    return html`<li data-testid="mio-commento">
      ${c.parentId ? 'Risposta' : 'Commento'} su <a href=${href}>${what}</a>, ${formatDateTime(c.createdAt)}
      (${COMMENT_STATE[c.state] ?? c.state})${c.body ? html`: <q>${c.body}</q>` : ''}</li>`;
  })}</ul>`;
}

function Registrations({ part }) {
  return html`<div class="table-wrapper"><table class="table">
    <caption>${PARTS.registrations}, con il codice per l’accesso</caption>
    <thead><tr><th scope="col">Incontro</th><th scope="col">Quando</th><th scope="col">Iscrizione</th>
      <th scope="col">Codice</th></tr></thead>
    <tbody>${part.items.map(
      (r) => html`<tr data-testid="mia-iscrizione">
        <th scope="row" class="fw-normal"><a href=${`/piani/${r.planId}/incontri#incontro-${r.meetingId}`}>${r.meetingTitle}</a>
          ${r.meetingStatus === 'CANCELLED' ? ' (incontro annullato)' : ''}</th>
        <td>${formatDateTime(r.startsAt)}</td>
        <td>${REGISTRATION_STATUS[r.status] ?? r.status}${
          r.status === 'WAITLISTED' && r.waitlistPosition ? `, posizione ${r.waitlistPosition}` : ''
        }</td>
        <td><strong>${r.status === 'CANCELLED' ? '—' : r.code}</strong></td></tr>`,
    )}</tbody></table></div>`;
}

function Receipts({ part }) {
  return html`<ul>${part.items.map(
    (r) => html`<li data-testid="mia-ricevuta"><a href=${`/questionari/${r.surveyId}`}>${r.title}</a>
      (${SURVEY_STATUS[r.surveyStatus] ?? r.surveyStatus}) — ${
        r.anonymous
          ? 'risposta registrata; il questionario è anonimo: le risposte non sono collegate al tuo account'
          : `ricevuta n. ${r.responseId} del ${formatDateTime(r.submittedAt)}`
      }</li>`,
  )}</ul>`;
}

const VIEWS = {
  proposals: Proposals,
  supports: Supports,
  comments: Comments,
  registrations: Registrations,
  surveyReceipts: Receipts,
};
const EMPTY = {
  proposals: 'Non hai ancora inviato proposte.',
  supports: 'Non sostieni ancora nessuna proposta.',
  comments: 'Non hai ancora scritto commenti.',
  registrations: 'Non ti sei iscritto a nessun incontro.',
  surveyReceipts: 'Non hai ancora risposto a un questionario.',
};

function Part({ name, data }) {
  const part = data[name];
  const View = VIEWS[name];
  return html`<section aria-labelledby=${`parte-${name}`} class="mb-4" data-testid=${`parte-${name}`}>
    <h2 id=${`parte-${name}`} class="h4">${PARTS[name]}${part ? ` (${part.total})` : ''}</h2>
    ${
      !part
        ? html`<p class="alert alert-warning">Questa parte non è disponibile in questo momento: riprova più tardi.</p>`
        : part.total === 0
          ? html`<p>${EMPTY[name]}</p>`
          : html`<${View} part=${part} />${
              part.total > part.items.length &&
              html`<p class="small">Sono mostrate le ${part.items.length} più recenti di ${part.total}.</p>`
            }`
    }
  </section>`;
}

/** Downloads GET /api/me/export with the bearer token (a plain link would carry none) as a JSON file. */
async function downloadExport() {
  const token = await accessToken();
  let response;
  try {
    response = await fetch('/api/me/export', {
      headers: { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${token}` },
    });
  } catch {
    throw new ApiError(0, { title: 'Servizio non raggiungibile', detail: 'Controlla la connessione e riprova.' });
  }
  if (!response.ok) {
    const text = await response.text();
    let problem;
    try {
      problem = JSON.parse(text);
    } catch {
      problem = { title: `Errore ${response.status}` };
    }
    throw new ApiError(response.status, {
      title: 'L’esportazione non è riuscita',
      detail: problem.detail ?? 'Nessun file è stato scaricato: riprova più tardi.',
    });
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = 'coprogram-dati-personali.json';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

function ExportSection() {
  const download = useSubmit(downloadExport);
  return html`<section aria-labelledby="esporta-titolo" class="border-top pt-4 mb-4">
    <h2 id="esporta-titolo" class="h4">Scarica i tuoi dati</h2>
    <p>Un file JSON con tutto ciò che la piattaforma conserva su di te, raccolto da ogni servizio (art. 15 e 20 del
      Regolamento UE 2016/679).</p>
    <button type="button" class="btn btn-outline-primary" disabled=${download.busy} onClick=${() => download.submit()}>
      Scarica i miei dati (JSON)</button>
    ${download.busy && html`<p role="status" class="mt-2">Preparazione del file in corso…</p>`}
    <${Notice}>${download.done && 'File scaricato: coprogram-dati-personali.json.'}</${Notice}>
    <${ErrorAlert} error=${download.error} />
  </section>`;
}

const CHOICES = [
  [
    'PSEUDONYMOUS',
    'Lascia i miei contributi pubblici senza collegarli a me',
    'Proposte e commenti restano visibili con uno pseudonimo casuale, senza alcun legame con il tuo account.',
  ],
  ['WITHDRAW', 'Ritira i miei contributi pubblici', 'Proposte e commenti non saranno più visibili.'],
];

/** GET /api/me/erasure: the caller's latest request, null when there is none (404). */
function useErasure(session) {
  const [state, setState] = useState({ data: undefined, error: null });
  const load = () =>
    api('/api/me/erasure').then(
      (data) => setState({ data, error: null }),
      (error) => setState(error.status === 404 ? { data: null, error: null } : { data: undefined, error }),
    );
  useEffect(() => {
    if (session) load();
  }, [session?.account]);
  return { ...state, reload: load, set: (data) => setState({ data, error: null }) };
}

function ErasureStatus({ erasure }) {
  return html`<div class="alert alert-info" role="status" data-testid="stato-cancellazione">
    <p class="mb-1">Richiesta di cancellazione del ${formatDateTime(erasure.requestedAt)}:
      <strong>${ERASURE_STATUS[erasure.status] ?? erasure.status}</strong>.</p>
    ${
      erasure.services &&
      html`<ul class="mb-0">${Object.entries(erasure.services).map(
        ([service, status]) => html`<li>${service}: ${ERASURE_STATUS[status] ?? status}</li>`,
      )}</ul>`
    }
  </div>`;
}

function ErasureSection({ session }) {
  const erasure = useErasure(session);
  const dialog = useRef(null);
  const [choice, setChoice] = useState('PSEUDONYMOUS');
  const request = useSubmit(async () => {
    const result = await api('/api/me/erasure', { method: 'POST', body: { contributions: choice } });
    dialog.current?.close();
    erasure.set(result);
    return result;
  });
  const pending = erasure.data?.status === 'PENDING';
  return html`<section aria-labelledby="cancella-titolo" class="border-top pt-4 mb-4">
    <h2 id="cancella-titolo" class="h4">Cancella il tuo account dai contributi</h2>
    <p>Puoi chiedere che il tuo account sia scollegato da tutto ciò che hai fatto sulla piattaforma (art. 17 del
      Regolamento UE 2016/679): adesioni e iscrizioni vengono eliminate, i conteggi pubblici restano esatti, notifiche
      e preferenze vengono cancellate. L’operazione non si può annullare.</p>
    <${ErrorAlert} error=${erasure.error} />
    ${erasure.data && html`<${ErasureStatus} erasure=${erasure.data} />`}
    ${
      erasure.data?.status === 'PENDING' &&
      html`<p><button type="button" class="btn btn-link p-0" onClick=${() => erasure.reload()}>Aggiorna lo stato</button></p>`
    }
    ${
      !pending &&
      erasure.data !== undefined &&
      html`<button type="button" class="btn btn-danger" onClick=${() => dialog.current?.showModal()}>
        Cancella il mio account dai contributi</button>`
    }
    <dialog ref=${dialog} aria-labelledby="conferma-cancellazione-titolo" class="p-4 border rounded" style="max-width: 40rem">
      <form method="dialog" onSubmit=${(e) => {
        e.preventDefault();
        request.submit();
      }}>
        <h2 id="conferma-cancellazione-titolo" class="h4">Confermi la cancellazione?</h2>
        <p>Il tuo account verrà scollegato da tutti i tuoi contributi. Non si può tornare indietro.</p>
        <fieldset class="mb-3">
          <legend class="h6">Cosa fare dei tuoi contributi pubblici</legend>
          ${CHOICES.map(
            ([code, label, hint]) => html`<div class="form-check mb-2">
              <input class="form-check-input" type="radio" name="contributi" id=${`contributi-${code}`} value=${code}
                checked=${choice === code} aria-describedby=${`contributi-${code}-hint`} onChange=${() => setChoice(code)} />
              <label class="form-check-label" for=${`contributi-${code}`}>${label}</label>
              <small id=${`contributi-${code}-hint`} class="form-text d-block">${hint}</small>
            </div>`,
          )}
        </fieldset>
        <${ErrorAlert} error=${request.error} />
        <button type="submit" class="btn btn-danger me-2" disabled=${request.busy}>Conferma la cancellazione</button>
        <button type="button" class="btn btn-outline-primary" onClick=${() => dialog.current?.close()}>Annulla</button>
      </form>
    </dialog>
  </section>`;
}

export function ParticipationPage({ session, onLogin }) {
  const summary = useApi(session ? '/api/me/participation?size=20' : null);
  return html`
    <${Breadcrumb} items=${[['Home', '/'], ['La mia partecipazione']]} />
    <${PageTitle} title="La mia partecipazione" />
    ${!session && html`<${LoginPrompt} action="vedere la tua partecipazione" onLogin=${onLogin} />`}
    ${
      session &&
      html`<p><a href="/notifiche">Le mie notifiche</a> · <a href="/notifiche/preferenze">Preferenze per le e-mail</a></p>`
    }
    <${ErrorAlert} error=${summary.error} />
    ${session && !summary.data && !summary.error && html`<${Loading} />`}
    ${summary.data && Object.keys(PARTS).map((name) => html`<${Part} name=${name} data=${summary.data} />`)}
    ${session && html`<${ExportSection} /><${ErasureSection} session=${session} />`}`;
}
