import { useEffect, useMemo, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, useApi } from '../api.js';
import { ErrorAlert, Loading, LoginPrompt, Notice, PageTitle, Breadcrumb } from '../ui.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { MunicipalityOptions, useTerritory } from './territory.js';
import { useSubmit } from './proposal.js';
import { SurveyResults } from './survey-results.js';

const STATUS = { DRAFT: 'Bozza', PUBLISHED: 'Aperto', CLOSED: 'Chiuso' };

export function SurveyList({ id, session }) {
  const plan = usePlan(id);
  const surveys = useApi(`/api/plans/${id}/surveys`);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  return html`
    <${PageTitle} title="Questionario" />
    <${PlanNav} plan=${plan.data} current="surveys" session=${session} />
    <${ErrorAlert} error=${surveys.error} />
    ${surveys.data?.items.length === 0 && html`<p>Non ci sono ancora questionari per questo piano.</p>`}
    <ul class="list-unstyled">
      ${surveys.data?.items.map(
        (s) => html`<li class="mb-3"><article class="card card-bg"><div class="card-body">
        <h2 class="h5"><a href=${`/questionari/${s.id}`}>${s.title}</a></h2>
        <p class="mb-1">${s.description}</p>
        <p class="mb-0">Stato: <strong>${STATUS[s.status] ?? s.status}</strong></p>
      </div></article></li>`,
      )}
    </ul>`;
}

/** Whether a question is shown, given the answers so far: `showIf` compares with one option, or any of several. */
export function visible(question, answers) {
  if (!question.showIf) return true;
  const answer = answers[question.showIf.question];
  return Array.isArray(answer) ? answer.includes(question.showIf.equals) : answer === question.showIf.equals;
}

function empty(answer) {
  return answer === undefined || answer === null || answer === '' || (Array.isArray(answer) && answer.length === 0);
}

/** The rules the survey service applies, checked in the browser first; the service remains the judge. */
export function check(question, answer) {
  if (empty(answer)) return question.required ? 'Questa domanda è obbligatoria.' : null;
  switch (question.type) {
    case 'MULTIPLE_CHOICE':
      return question.maxSelections && answer.length > question.maxSelections
        ? `Puoi scegliere al massimo ${question.maxSelections} risposte.`
        : null;
    case 'SCALE':
    case 'NUMBER': {
      const n = Number(answer);
      if (!Number.isFinite(n)) return 'Inserisci un numero.';
      if (question.min !== null && n < question.min) return `Il valore minimo è ${question.min}.`;
      if (question.max !== null && n > question.max) return `Il valore massimo è ${question.max}.`;
      return null;
    }
    case 'SHORT_TEXT':
    case 'LONG_TEXT':
      return question.max && answer.length > question.max ? `Al massimo ${question.max} caratteri.` : null;
    default:
      return null;
  }
}

function Ranking({ question, value, onChange }) {
  const order = value ?? question.options.map((o) => o.id);
  const label = (id) => question.options.find((o) => o.id === id)?.label ?? id;
  const move = (index, delta) => {
    const next = order.slice();
    [next[index], next[index + delta]] = [next[index + delta], next[index]];
    onChange(next);
  };
  return html`<ol class="ranking-list" aria-describedby=${`${question.id}-aiuto`}>
    ${order.map(
      (id, i) => html`<li>
      <span class="position" aria-hidden="true">${i + 1}.</span><span class="flex-grow-1">${label(id)}</span>
      <button type="button" class="btn btn-outline-primary btn-xs" disabled=${i === 0} onClick=${() => move(i, -1)}
        aria-label=${`Sposta su: ${label(id)}`}>↑</button>
      <button type="button" class="btn btn-outline-primary btn-xs" disabled=${i === order.length - 1} onClick=${() => move(i, 1)}
        aria-label=${`Sposta giù: ${label(id)}`}>↓</button>
    </li>`,
    )}
  </ol>
  <small id=${`${question.id}-aiuto`} class="form-text">Usa i pulsanti per ordinare: la prima è la più importante.
    ${value ? '' : 'L’ordine attuale vale come risposta solo se lo confermi.'}</small>
  ${!value && html`<div><button type="button" class="btn btn-link p-0" onClick=${() => onChange(order)}>Confermo questo ordine</button></div>`}`;
}

function Question({ question, value, onChange, error, territory }) {
  const id = `q-${question.id}`;
  const errorId = `${id}-errore`;
  const common = { 'aria-describedby': error ? errorId : undefined, 'aria-invalid': error ? 'true' : undefined };
  const required = question.required ? html` <span class="text-danger" aria-hidden="true">*</span>` : '';
  const legend = html`<legend class="h6">${question.label}${required}${question.required && html`<span class="visually-hidden"> (obbligatoria)</span>`}</legend>`;
  let control;
  switch (question.type) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE': {
      const multiple = question.type === 'MULTIPLE_CHOICE';
      control = question.options.map((o) => {
        const checked = multiple ? (value ?? []).includes(o.id) : value === o.id;
        const toggle = () =>
          onChange(multiple ? (checked ? value.filter((v) => v !== o.id) : [...(value ?? []), o.id]) : o.id);
        return html`<div class="form-check">
          <input class="form-check-input" type=${multiple ? 'checkbox' : 'radio'} id=${`${id}-${o.id}`} name=${id}
            checked=${checked} onChange=${toggle} ...${common} />
          <label class="form-check-label" for=${`${id}-${o.id}`}>${o.label}</label>
        </div>`;
      });
      if (multiple && question.maxSelections)
        control = [html`<p class="small">Al massimo ${question.maxSelections} risposte.</p>`, ...control];
      break;
    }
    case 'SCALE': {
      const points = [];
      for (let n = question.min; n <= question.max; n++) points.push(n);
      control = html`<div>${points.map(
        (n) => html`<div class="form-check form-check-inline">
        <input class="form-check-input" type="radio" id=${`${id}-${n}`} name=${id} checked=${value === n}
          onChange=${() => onChange(n)} ...${common} />
        <label class="form-check-label" for=${`${id}-${n}`}>${n}</label>
      </div>`,
      )}<p class="small mb-0">${question.min} = per niente, ${question.max} = moltissimo</p></div>`;
      break;
    }
    case 'RANKING':
      control = html`<${Ranking} question=${question} value=${value} onChange=${onChange} />`;
      break;
    case 'NUMBER':
      control = html`<label class="visually-hidden" for=${id}>${question.label}</label>
        <input id=${id} type="number" class="form-control" min=${question.min ?? undefined} max=${question.max ?? undefined}
        value=${value ?? ''} onInput=${(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} ...${common} />`;
      break;
    case 'MUNICIPALITY':
      control = html`<label class="visually-hidden" for=${id}>${question.label}</label>
        <select id=${id} class="form-select" value=${value ?? ''} onChange=${(e) => onChange(e.target.value || null)} ...${common}>
        <option value="">Scegli il comune…</option>
        ${MunicipalityOptions({ territory }).map((m) => html`<option value=${m.value}>${m.label}</option>`)}
      </select>`;
      break;
    default: {
      const long = question.type === 'LONG_TEXT';
      const Tag = long ? 'textarea' : 'input';
      control = html`<label class="visually-hidden" for=${id}>${question.label}</label>
        <${Tag} id=${id} class="form-control" rows=${long ? 5 : undefined} maxlength=${question.max ?? undefined}
        value=${value ?? ''} onInput=${(e) => onChange(e.target.value)} ...${common} />
        ${question.max && html`<small class="form-text">${(value ?? '').length} di ${question.max} caratteri</small>`}`;
    }
  }
  return html`<fieldset class="mb-4 p-3 border rounded" data-question=${question.id}>
    ${legend}${control}
    ${error && html`<div id=${errorId} class="text-danger small mt-1" data-testid="errore-domanda">${error}</div>`}
  </fieldset>`;
}

export function SurveyPage({ id, session, onLogin }) {
  const survey = useApi(`/api/surveys/${id}`);
  const plan = usePlan(survey.data?.planId);
  const territory = useTerritory(plan.data?.region);
  const [answers, setAnswers] = useState({});
  const [errors, setErrors] = useState({});
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [id]);
  const [resultsVersion, setResultsVersion] = useState(0);
  const open = survey.data?.status === 'PUBLISHED';
  // A signed-in person who opens the form is told once if it is about to close and they have not answered
  // (docs/notifications.md); nothing about answers is sent, and a failure changes nothing on the page.
  useEffect(() => {
    if (session && open) api(`/api/surveys/${id}/started`, { method: 'POST' }).catch(() => {});
  }, [id, !!session, open]);
  const send = useSubmit(async (body) => {
    const result = await api(`/api/surveys/${id}/responses`, {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    setResultsVersion((v) => v + 1);
    return result;
  });
  if (survey.error) return html`<${PageTitle} title="Questionario" /><${ErrorAlert} error=${survey.error} />`;
  if (!survey.data) return html`<${Loading} />`;
  const s = survey.data;
  const shown = s.questions.filter((q) => visible(q, answers));
  const serverErrors = Object.fromEntries(
    Object.entries(send.fieldErrors).map(([field, message]) => [field.replace(/^answers\./, ''), message]),
  );
  const onSubmit = (e) => {
    e.preventDefault();
    const found = {};
    for (const q of shown) {
      const problem = check(q, answers[q.id]);
      if (problem) found[q.id] = problem;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document
        .querySelector(
          `[data-question="${Object.keys(found)[0]}"] input, [data-question="${Object.keys(found)[0]}"] select, [data-question="${Object.keys(found)[0]}"] textarea, [data-question="${Object.keys(found)[0]}"] button`,
        )
        ?.focus();
      return;
    }
    const sent = Object.fromEntries(shown.filter((q) => !empty(answers[q.id])).map((q) => [q.id, answers[q.id]]));
    send.submit({ answers: sent });
  };
  return html`
    <${Breadcrumb} items=${[['Piani', '/'], [plan.data?.title ?? 'Piano', `/piani/${s.planId}`], ['Questionario', `/piani/${s.planId}/questionari`], [s.title]]} />
    <${PageTitle} title=${s.title} />
    <p class="lead">${s.description}</p>
    ${s.anonymous && html`<p>Questionario anonimo: la risposta non è collegata al tuo account; l’accesso serve solo a garantire una risposta per persona. Le risposte entrano nei risultati a gruppi di almeno cinque.</p>`}
    ${s.status !== 'PUBLISHED' && html`<p class="alert alert-warning">Il questionario è chiuso: non accetta più risposte.</p>`}
    ${send.done && html`<${Notice}><span data-testid="risposta-inviata">Grazie! La tua risposta è stata registrata.</span></${Notice}>`}
    ${s.status === 'PUBLISHED' && !session && html`<${LoginPrompt} action="rispondere al questionario" onLogin=${onLogin} />`}
    ${
      s.status === 'PUBLISHED' &&
      session &&
      !send.done &&
      html`<form onSubmit=${onSubmit} noValidate>
      <p class="small">Le domande con <span aria-hidden="true">*</span><span class="visually-hidden">asterisco</span> sono obbligatorie.</p>
      ${shown.map(
        (q) => html`<${Question} key=${q.id} question=${q} value=${answers[q.id]} territory=${territory}
        error=${errors[q.id] ?? serverErrors[q.id]} onChange=${(v) => setAnswers({ ...answers, [q.id]: v })} />`,
      )}
      ${Object.keys(errors).length > 0 && html`<p class="alert alert-danger" role="alert">Controlla le risposte segnalate.</p>`}
      <${ErrorAlert} error=${send.error} />
      <button type="submit" class="btn btn-primary" disabled=${send.busy}>Invia le risposte</button>
    </form>`
    }
    <${SurveyResults} surveyId=${id} version=${resultsVersion} territory=${territory} />`;
}
