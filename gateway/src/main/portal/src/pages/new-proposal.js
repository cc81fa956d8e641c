import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, query } from '../api.js';
import { ErrorAlert, Field, Loading, LoginPrompt, PageTitle } from '../ui.js';
import { KIND } from '../labels.js';
import { navigate } from '../router.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { MunicipalityOptions, useTerritory } from './territory.js';
import { useSubmit } from './proposal.js';

/** The same limits the proposal service enforces, checked before sending so the form answers at once. */
function validate(form) {
  const errors = {};
  if (form.title.trim().length < 10 || form.title.length > 150)
    errors.title = 'Il titolo deve avere tra 10 e 150 caratteri.';
  if (form.body.trim().length < 30 || form.body.length > 10000)
    errors.body = 'Il testo deve avere tra 30 e 10.000 caratteri.';
  if (!form.theme) errors.theme = 'Scegli l’area di intervento.';
  if (!form.municipality) errors.municipality = 'Scegli il comune a cui si riferisce la proposta.';
  return errors;
}

function SimilarProposals({ planId, text }) {
  const [similar, setSimilar] = useState([]);
  useEffect(() => {
    if (text.trim().length < 12) {
      setSimilar([]);
      return undefined;
    }
    const timer = setTimeout(() => {
      api(`/api/plans/${planId}/proposals/similar${query({ text })}`).then(setSimilar, () => setSimilar([]));
    }, 350);
    return () => clearTimeout(timer);
  }, [planId, text]);
  return html`<div aria-live="polite" data-testid="simili">
    ${
      similar.length > 0 &&
      html`<section class="similar-list mb-4" aria-labelledby="simili-titolo">
      <h2 id="simili-titolo" class="h6">Proposte simili già presenti: puoi sostenerle invece di scriverne una nuova</h2>
      <ul class="mb-0">
        ${similar.map(
          (s) => html`<li><a href=${`/proposte/${s.id}`} target="_blank" rel="noopener">${s.title}</a>
          (${s.supports} adesioni, somiglianza ${Math.round(s.score * 100)}%)</li>`,
        )}
      </ul>
    </section>`
    }
  </div>`;
}

export function NewProposal({ id, session, onLogin }) {
  const plan = usePlan(id);
  const territory = useTerritory(plan.data?.region);
  const [form, setForm] = useState({ kind: 'PROPOSAL', title: '', body: '', theme: '', municipality: '' });
  const [clientErrors, setClientErrors] = useState({});
  const send = useSubmit(async () => {
    const created = await api(`/api/plans/${id}/proposals`, { method: 'POST', body: form });
    navigate(`/proposte/${created.id}`);
    return created;
  });
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const p = plan.data;
  const set = (name) => (e) => setForm({ ...form, [name]: e.target.value });
  const errors = { ...send.fieldErrors, ...clientErrors };
  const onSubmit = (e) => {
    e.preventDefault();
    const found = validate(form);
    setClientErrors(found);
    if (Object.keys(found).length === 0) send.submit();
    else
      document
        .getElementById(Object.keys(found)[0] === 'theme' ? 'area' : `proposta-${Object.keys(found)[0]}`)
        ?.focus();
  };
  return html`
    <${PageTitle} title="Invia una proposta" />
    <${PlanNav} plan=${p} current="proposals" session=${session} />
    ${!session && html`<${LoginPrompt} action="inviare una proposta" onLogin=${onLogin} />`}
    ${session && p.phase !== 'CONSULTATION' && html`<p class="alert alert-warning">Il piano non è in consultazione: le proposte sono chiuse.</p>`}
    ${
      session &&
      p.phase === 'CONSULTATION' &&
      html`<form onSubmit=${onSubmit} noValidate>
      <fieldset class="mb-4">
        <legend class="h6">Tipo di contributo</legend>
        ${Object.entries(KIND).map(
          ([code, label]) => html`<div class="form-check form-check-inline">
          <input class="form-check-input" type="radio" name="tipo" id=${`tipo-${code}`} value=${code}
            checked=${form.kind === code} onChange=${set('kind')} />
          <label class="form-check-label" for=${`tipo-${code}`}>${label}</label>
        </div>`,
        )}
      </fieldset>
      <${Field} id="proposta-title" label="Titolo" error=${errors.title} hint="Tra 10 e 150 caratteri.">${(a) =>
        html`<input ...${a} class="form-control" required maxlength="150" value=${form.title} onInput=${set('title')} />`}</${Field}>
      <${Field} id="proposta-body" label="Descrivi la proposta" error=${errors.body} hint="Tra 30 e 10.000 caratteri. Non inserire dati personali.">${(
        a,
      ) =>
        html`<textarea ...${a} class="form-control" rows="7" required value=${form.body} onInput=${set('body')}></textarea>`}</${Field}>
      <${SimilarProposals} planId=${id} text=${`${form.title} ${form.body}`} />
      <${Field} id="area" label="Area di intervento" error=${errors.theme}>${(a) =>
        html`<select ...${a} class="form-select" required value=${form.theme} onChange=${set('theme')}>
          <option value="">Scegli…</option>
          ${p.themes.map((t) => html`<option value=${t.code}>${t.label}</option>`)}
        </select>`}</${Field}>
      <${Field} id="proposta-municipality" label="Comune" error=${errors.municipality}>${(a) =>
        html`<select ...${a} class="form-select" required value=${form.municipality} onChange=${set('municipality')}>
          <option value="">Scegli…</option>
          ${MunicipalityOptions({ territory }).map((m) => html`<option value=${m.value}>${m.label}</option>`)}
        </select>`}</${Field}>
      <${ErrorAlert} error=${send.error} />
      <button type="submit" class="btn btn-primary" disabled=${send.busy}>Invia la proposta</button>
    </form>`
    }`;
}
