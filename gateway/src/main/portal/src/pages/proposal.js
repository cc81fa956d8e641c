import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, useApi } from '../api.js';
import { ErrorAlert, Field, Loading, LoginPrompt, Notice, PageTitle, Breadcrumb } from '../ui.js';
import {
  ANSWERS,
  CATEGORY,
  FLAG_REASON,
  KIND,
  OUTCOME,
  STATUS,
  formatDate,
  formatDateTime,
  importedOrigin,
  themeLabel,
} from '../labels.js';
import { usePlan } from './plan-nav.js';
import { municipalityName, useTerritory } from './territory.js';
import { CommentsSection } from './comments.js';
import { FollowButton } from './follow.js';

/** Posts a form and keeps its outcome: the error to show next to the fields, or a confirmation. */
export function useSubmit(action) {
  const [state, setState] = useState({ busy: false, error: null, done: null });
  const submit = async (...args) => {
    setState({ busy: true, error: null, done: null });
    try {
      const done = await action(...args);
      setState({ busy: false, error: null, done: done ?? true });
      return done;
    } catch (error) {
      setState({ busy: false, error, done: null });
      return undefined;
    }
  };
  return { ...state, submit, fieldErrors: state.error?.violations?.() ?? {} };
}

function SupportBox({ proposal, session, onLogin, onChange }) {
  const [supported, setSupported] = useState(null);
  const [withdrawn, setWithdrawn] = useState(false);
  // Whether the signed-in reader already supports it (supportedByMe): asked with their token once the session is
  // known, since the page's own read may have gone out before the sign-in was restored.
  useEffect(() => {
    if (!session) return;
    let current = true;
    api(`/api/proposals/${proposal.id}`)
      .then((p) => current && setSupported((known) => (known === null ? p.supportedByMe === true : known)))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [session, proposal.id]);
  const support = useSubmit(async (method) => {
    const state = await api(`/api/proposals/${proposal.id}/supports`, { method });
    setSupported(state.supported);
    setWithdrawn(state.supported === false);
    onChange();
    return state;
  });
  if (!session) return html`<${LoginPrompt} action="sostenere questa proposta" onLogin=${onLogin} />`;
  if (proposal.status === 'WITHDRAWN' || proposal.visibility !== 'VISIBLE') return null;
  return html`<div class="mb-4">
    ${
      supported
        ? html`<p role="status" class="mb-2">Hai aderito a questa proposta.</p>
          <button type="button" class="btn btn-outline-primary" disabled=${support.busy} onClick=${() => support.submit('DELETE')}>
            Ritira l’adesione</button>`
        : html`<button type="button" class="btn btn-primary" disabled=${support.busy} onClick=${() => support.submit('POST')}>
          Sostieni questa proposta</button>
          ${withdrawn && html`<p role="status" class="mt-2">Adesione ritirata.</p>`}`
    }
    <${ErrorAlert} error=${support.error} />
  </div>`;
}

function FlagForm({ proposal }) {
  const [reason, setReason] = useState('SPAM');
  const [details, setDetails] = useState('');
  const flag = useSubmit(() =>
    api(`/api/proposals/${proposal.id}/flags`, { method: 'POST', body: { reason, details: details || null } }),
  );
  if (flag.done) return html`<${Notice}>Grazie: la segnalazione è stata inviata ai moderatori.</${Notice}>`;
  return html`<details class="mb-4"><summary>Segnala un contenuto inappropriato</summary>
    <form class="mt-3" onSubmit=${(e) => {
      e.preventDefault();
      flag.submit();
    }}>
      <${Field} id="motivo-segnalazione" label="Motivo" error=${flag.fieldErrors.reason}>${(a) =>
        html`<select ...${a} class="form-select" value=${reason} onChange=${(e) => setReason(e.target.value)}>
          ${Object.entries(FLAG_REASON).map(([code, label]) => html`<option value=${code}>${label}</option>`)}
        </select>`}</${Field}>
      <${Field} id="dettagli-segnalazione" label="Dettagli (facoltativi, obbligatori con «Altro motivo»)" error=${flag.fieldErrors.details}>${(
        a,
      ) =>
        html`<textarea ...${a} class="form-control" rows="3" value=${details} onInput=${(e) => setDetails(e.target.value)}></textarea>`}</${Field}>
      <${ErrorAlert} error=${flag.error} />
      <button type="submit" class="btn btn-outline-primary" disabled=${flag.busy}>Invia la segnalazione</button>
    </form></details>`;
}

function AnswerForm({ proposal, onChange }) {
  const [status, setStatus] = useState('ACCEPTED');
  const [text, setText] = useState('');
  const [mergedInto, setMergedInto] = useState('');
  const answer = useSubmit(async () => {
    const body = { status, text, mergedInto: status === 'MERGED' ? mergedInto || null : null };
    const result = await api(`/api/proposals/${proposal.id}/answer`, { method: 'POST', body });
    onChange();
    return result;
  });
  return html`<section aria-labelledby="risposta-titolo" class="border-top pt-4 mt-4">
    <h2 id="risposta-titolo" class="h4">Risposta della Regione</h2>
    ${answer.done && html`<${Notice}>Risposta pubblicata.</${Notice}>`}
    <form onSubmit=${(e) => {
      e.preventDefault();
      answer.submit();
    }} noValidate>
      <${Field} id="esito" label="Esito" error=${answer.fieldErrors.status}>${(a) =>
        html`<select ...${a} class="form-select" value=${status} onChange=${(e) => setStatus(e.target.value)}>
          ${ANSWERS.map((code) => html`<option value=${code}>${STATUS[code]}</option>`)}
        </select>`}</${Field}>
      ${
        status === 'MERGED' &&
        html`<${Field} id="unita-a" label="Identificativo della proposta in cui è unita" error=${answer.fieldErrors.mergedInto}
          hint="Si trova nell’indirizzo della pagina della proposta.">${(a) =>
            html`<input ...${a} class="form-control" value=${mergedInto} onInput=${(e) => setMergedInto(e.target.value)} />`}</${Field}>`
      }
      <${Field} id="motivazione" label="Motivazione pubblica" error=${answer.fieldErrors.text} hint="Tra 10 e 5.000 caratteri.">${(
        a,
      ) =>
        html`<textarea ...${a} class="form-control" rows="5" required value=${text} onInput=${(e) => setText(e.target.value)}></textarea>`}</${Field}>
      <${ErrorAlert} error=${answer.error} />
      <button type="submit" class="btn btn-primary" disabled=${answer.busy}>Pubblica la risposta</button>
    </form>
  </section>`;
}

function ModerationForm({ proposal, onChange }) {
  const [note, setNote] = useState('');
  const hidden = proposal.visibility !== 'VISIBLE';
  const decide = useSubmit(async () => {
    const body = { action: hidden ? 'RESTORE' : 'HIDE', note };
    const result = await api(`/api/proposals/${proposal.id}/moderation`, { method: 'POST', body });
    setNote('');
    onChange();
    return result;
  });
  return html`<section aria-labelledby="moderazione-titolo" class="border-top pt-4 mt-4">
    <h2 id="moderazione-titolo" class="h4">Moderazione</h2>
    <p>Visibilità attuale: <strong>${hidden ? 'nascosta al pubblico' : 'visibile'}</strong>.</p>
    <form onSubmit=${(e) => {
      e.preventDefault();
      decide.submit();
    }} noValidate>
      <${Field} id="nota-moderazione" label="Nota per il registro delle modifiche" error=${decide.fieldErrors.note}>${(
        a,
      ) =>
        html`<textarea ...${a} class="form-control" rows="2" value=${note} onInput=${(e) => setNote(e.target.value)}></textarea>`}</${Field}>
      <${ErrorAlert} error=${decide.error} />
      <button type="submit" class="btn btn-outline-primary" disabled=${decide.busy}>${hidden ? 'Ripristina' : 'Nascondi'}</button>
    </form>
  </section>`;
}

/**
 * "Che fine ha fatto" (docs/plan-document.md, "Traceability"): the measures of the plan this proposal fed, in which
 * published versions, and the resolution that adopted the plan with them. Nothing while there is none to show.
 */
function FateSection({ id }) {
  const fate = useApi(`/api/proposals/${id}/fate`);
  const measures = fate.data?.measures ?? [];
  if (measures.length === 0) return null;
  return html`<section aria-labelledby="fate-titolo" class="border-top pt-4 mt-4 mb-4" data-testid="che-fine-ha-fatto">
    <h2 id="fate-titolo" class="h4">Che fine ha fatto</h2>
    <ul class="list-unstyled">
      ${measures.map(
        (m) => html`<li class="mb-3">
          <h3 class="h5 mb-1"><a href=${`/interventi/${m.measureId}`}>${m.code} — ${m.title}</a></h3>
          <p class="mb-1"><strong>${OUTCOME[m.outcome] ?? m.outcome}</strong>: ${m.reason}</p>
          <p class="small mb-1">${
            m.versions
              .filter((v) => v.linkIncluded)
              .map((v) => `Versione ${v.version} del piano (${formatDate(v.publishedAt)})`)
              .join('; ') || 'Non ancora in una versione pubblicata del piano'
          }</p>
          ${
            m.adoptedWith &&
            html`<p class="mb-0">Adottato con DGR n. ${m.adoptedWith.resolutionNumber} del ${formatDate(m.adoptedWith.resolutionDate)}${
              m.adoptedWith.documentUrl && html` (<a href=${m.adoptedWith.documentUrl}>testo della delibera</a>)`
            }</p>`
          }
        </li>`,
      )}
    </ul>
  </section>`;
}

export function ProposalPage({ id, session, onLogin }) {
  const proposal = useApi(`/api/proposals/${id}`);
  const plan = usePlan(proposal.data?.planId);
  const territory = useTerritory(plan.data?.region);
  if (proposal.error) return html`<${PageTitle} title="Proposta" /><${ErrorAlert} error=${proposal.error} />`;
  if (!proposal.data) return html`<${Loading} />`;
  const pr = proposal.data;
  const p = plan.data;
  const origin = importedOrigin(pr.importedFrom);
  return html`
    <${Breadcrumb} items=${[['Piani', '/'], [p?.title ?? 'Piano', `/piani/${pr.planId}`], ['Proposte', `/piani/${pr.planId}/proposte`], [pr.title]]} />
    <p class="small text-uppercase mb-1">${KIND[pr.kind]} · ${themeLabel(p, pr.theme)}</p>
    <${PageTitle} title=${pr.title} />
    <dl class="row">
      <dt class="col-sm-3">Stato</dt><dd class="col-sm-9" data-testid="stato">${STATUS[pr.status]}</dd>
      <dt class="col-sm-3">Adesioni</dt><dd class="col-sm-9" data-testid="adesioni">${pr.supports}</dd>
      <dt class="col-sm-3">Commenti</dt><dd class="col-sm-9" data-testid="commenti">${pr.comments ?? 0}</dd>
      <dt class="col-sm-3">Comune</dt><dd class="col-sm-9">${municipalityName(territory, pr.municipality)}</dd>
      <dt class="col-sm-3">Chi propone</dt>
      <dd class="col-sm-9">${CATEGORY[pr.category] ?? pr.category}${pr.organization ? ` — ${pr.organization}` : ''}</dd>
      <dt class="col-sm-3">Inviata il</dt><dd class="col-sm-9">${formatDateTime(pr.createdAt)}</dd>
      ${
        origin &&
        html`<dt class="col-sm-3">Provenienza</dt>
        <dd class="col-sm-9" data-testid="provenienza">Importata da ${origin.platform}${
          origin.href ? html` — <a href=${origin.href} rel="noopener noreferrer external">proposta originale</a>` : ''
        }${origin.comments > 0 ? ` (${origin.comments} commenti sulla piattaforma d’origine)` : ''}</dd>`
      }
    </dl>
    ${pr.visibility !== 'VISIBLE' && html`<p class="alert alert-warning">Questa proposta è nascosta al pubblico in attesa di revisione.</p>`}
    <div class="mb-4" style="white-space: pre-line">${pr.body}</div>
    ${
      pr.answer &&
      html`<section class="alert alert-info" aria-labelledby="esito-titolo" data-testid="risposta">
      <h2 id="esito-titolo" class="h5">Risposta della Regione: ${STATUS[pr.answer.status]}</h2>
      <p class="mb-1" style="white-space: pre-line">${pr.answer.text}</p>
      <p class="small mb-0">Pubblicata il ${formatDateTime(pr.answer.answeredAt)}</p>
    </section>`
    }
    ${pr.mergedInto && html`<p>Questa proposta è stata unita a <a href=${`/proposte/${pr.mergedInto}`}>un’altra proposta</a>.</p>`}
    ${
      pr.mergedFrom?.length > 0 &&
      html`<section aria-labelledby="unite-titolo"><h2 id="unite-titolo" class="h5">Proposte unite a questa</h2>
      <ul>${pr.mergedFrom.map((m) => html`<li><a href=${`/proposte/${m.id}`}>${m.title}</a></li>`)}</ul></section>`
    }
    <${FateSection} id=${pr.id} />
    <${SupportBox} proposal=${pr} session=${session} onLogin=${onLogin} onChange=${proposal.reload} />
    ${pr.visibility === 'VISIBLE' && html`<${FollowButton} type="proposal" id=${pr.id} session=${session} />`}
    ${session && html`<${FlagForm} proposal=${pr} />`}
    ${
      pr.visibility === 'VISIBLE' &&
      html`<${CommentsSection} path=${`/api/proposals/${pr.id}/comments`} count=${pr.comments ?? 0} session=${session}
      onLogin=${onLogin} onChange=${proposal.reload} />`
    }
    ${session?.has('region-staff') && html`<${AnswerForm} proposal=${pr} onChange=${proposal.reload} />`}
    ${session?.has('moderator') && html`<${ModerationForm} proposal=${pr} onChange=${proposal.reload} />`}`;
}
