import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, query, useApi } from '../api.js';
import { ErrorAlert, LabelledSelect, Loading, LoginPrompt, PageTitle, Pagination } from '../ui.js';
import { MEETING_TYPE, formatDateTime, themeLabel } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { municipalityName, useTerritory } from './territory.js';
import { useSubmit } from './proposal.js';
import { CommentsSection } from './comments.js';
import { FollowButton } from './follow.js';

function Registration({ meeting, session, onLogin, onChange }) {
  const [registration, setRegistration] = useState(undefined);
  useEffect(() => {
    if (!session) return;
    api(`/api/meetings/${meeting.id}/registrations/me`).then(setRegistration, () => setRegistration(null));
  }, [meeting.id, session?.account]);
  const register = useSubmit(async () => {
    const result = await api(`/api/meetings/${meeting.id}/registrations`, { method: 'POST' });
    setRegistration(result);
    onChange();
    return result;
  });
  const cancel = useSubmit(async () => {
    await api(`/api/meetings/${meeting.id}/registrations/me`, { method: 'DELETE' });
    setRegistration(null);
    onChange();
    return true;
  });
  if (meeting.status === 'CANCELLED') return html`<p class="text-danger">Incontro annullato.</p>`;
  if (!session) return html`<${LoginPrompt} action="iscriverti" onLogin=${onLogin} />`;
  const active = registration && registration.status !== 'CANCELLED';
  return html`<div aria-live="polite">
    ${
      active &&
      registration.status === 'CONFIRMED' &&
      html`<p class="mb-2" data-testid="iscrizione">Iscrizione confermata. Codice per l’accesso: <strong>${registration.code}</strong></p>`
    }
    ${
      active &&
      registration.status === 'WAITLISTED' &&
      html`<p class="mb-2" data-testid="iscrizione">Sei in lista d’attesa, posizione <strong>${registration.waitlistPosition}</strong>.
      Se si libera un posto passi in automatico tra i confermati.</p>`
    }
    ${
      active
        ? html`<button type="button" class="btn btn-outline-primary btn-sm" disabled=${cancel.busy} onClick=${() => cancel.submit()}>
          Annulla l’iscrizione</button>`
        : html`<button type="button" class="btn btn-primary btn-sm" disabled=${register.busy} onClick=${() => register.submit()}>
          ${meeting.seatsLeft > 0 ? 'Iscriviti' : 'Iscriviti in lista d’attesa'}</button>`
    }
    <${ErrorAlert} error=${register.error ?? cancel.error} />
  </div>`;
}

/** A meeting's comments, loaded when the reader opens them (a page of meetings would otherwise ask for each). */
function MeetingComments({ meeting, session, onLogin }) {
  const [open, setOpen] = useState(false);
  const panel = `commenti-incontro-${meeting.id}`;
  return html`<div class="mt-3">
    <button type="button" class="btn btn-link btn-sm p-0" aria-expanded=${open ? 'true' : 'false'} aria-controls=${panel}
      onClick=${() => setOpen(!open)}>${open ? 'Nascondi i commenti' : 'Mostra i commenti'}<span class="visually-hidden">: ${meeting.title}</span></button>
    <div id=${panel}>${
      open &&
      html`<${CommentsSection} path=${`/api/meetings/${meeting.id}/comments`} session=${session} onLogin=${onLogin}
        prefix=${`incontro-${meeting.id}-`} level="h3"
        closed=${meeting.status === 'CANCELLED' ? 'L’incontro è annullato: non si possono aggiungere commenti.' : null} />`
    }</div>
  </div>`;
}

function MeetingCard({ meeting, plan, territory, session, onLogin, onChange }) {
  return html`<article class="card card-bg mb-3" data-testid="incontro" id=${`incontro-${meeting.id}`}><div class="card-body">
    <p class="small text-uppercase mb-1">${MEETING_TYPE[meeting.type]} · ${meeting.themes.map((t) => themeLabel(plan, t)).join(', ')}</p>
    <h2 class="h5 card-title">${meeting.title}</h2>
    <p class="mb-1">${meeting.description}</p>
    <dl class="row small mb-2">
      <dt class="col-sm-3">Quando</dt><dd class="col-sm-9">${formatDateTime(meeting.startsAt)} – ${formatDateTime(meeting.endsAt)}</dd>
      <dt class="col-sm-3">Dove</dt><dd class="col-sm-9">${meeting.address}, ${municipalityName(territory, meeting.municipality)}
        ${meeting.onlineUrl && html` · <a href=${meeting.onlineUrl} rel="noopener">anche online</a>`}</dd>
      ${meeting.accessibilityNotes && html`<dt class="col-sm-3">Accessibilità</dt><dd class="col-sm-9">${meeting.accessibilityNotes}</dd>`}
      <dt class="col-sm-3">Posti</dt><dd class="col-sm-9">${meeting.seatsLeft} liberi su ${meeting.capacity}</dd>
    </dl>
    <p><a href=${`/api/meetings/${meeting.id}/calendar.ics`} download>Aggiungi al calendario (.ics)<span class="visually-hidden">: ${meeting.title}</span></a></p>
    <${Registration} meeting=${meeting} session=${session} onLogin=${onLogin} onChange=${onChange} />
    <div class="mt-3"><${FollowButton} type="meeting" id=${meeting.id} session=${session} name=${meeting.title} /></div>
    <${MeetingComments} meeting=${meeting} session=${session} onLogin=${onLogin} />
  </div></article>`;
}

export function MeetingList({ id, session, onLogin }) {
  const plan = usePlan(id);
  const territory = useTerritory(plan.data?.region);
  const [filters, setFilters] = useState({ province: '', district: '', from: '', to: '' });
  const [page, setPage] = useState(0);
  const meetings = useApi(
    `/api/plans/${id}/meetings${query({
      province: filters.province,
      district: filters.district,
      from: filters.from ? `${filters.from}T00:00:00+01:00` : '',
      to: filters.to ? `${filters.to}T23:59:59+01:00` : '',
      page,
      size: 10,
    })}`,
  );
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const set = (name) => (e) => {
    setPage(0);
    setFilters({ ...filters, [name]: e.target.value });
  };
  const districts = (territory?.districts ?? []).filter(
    (d) => !filters.province || d.provinces.includes(filters.province),
  );
  return html`
    <${PageTitle} title="Incontri" />
    <${PlanNav} plan=${plan.data} current="meetings" session=${session} />
    <form class="row mb-3" aria-label="Filtra gli incontri" onSubmit=${(e) => e.preventDefault()}>
      <${LabelledSelect} id="inc-provincia" label="Provincia" empty="Tutte" className="col-md-3 mb-2"
        value=${filters.province} onChange=${set('province')}
        options=${(territory?.provinces ?? []).map((p) => [p.code, p.name])} />
      <${LabelledSelect} id="inc-ambito" label="Ambito" empty="Tutti" className="col-md-3 mb-2"
        value=${filters.district} onChange=${set('district')} options=${districts.map((d) => [d.code, d.name])} />
      <div class="col-md-3 mb-2"><label for="inc-dal" class="form-label">Dal</label>
        <input id="inc-dal" type="date" class="form-control" value=${filters.from} onChange=${set('from')} /></div>
      <div class="col-md-3 mb-2"><label for="inc-al" class="form-label">Al</label>
        <input id="inc-al" type="date" class="form-control" value=${filters.to} onChange=${set('to')} /></div>
    </form>
    <${ErrorAlert} error=${meetings.error} />
    ${meetings.data && html`<p aria-live="polite">${meetings.data.total === 1 ? '1 incontro' : `${meetings.data.total} incontri`}</p>`}
    ${meetings.data?.items.map(
      (m) => html`<${MeetingCard} key=${m.id} meeting=${m} plan=${plan.data} territory=${territory}
      session=${session} onLogin=${onLogin} onChange=${meetings.reload} />`,
    )}
    ${meetings.data && html`<${Pagination} page=${meetings.data.page} size=${meetings.data.size} total=${meetings.data.total} onPage=${setPage} />`}`;
}
