import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, useApi } from '../api.js';
import { Breadcrumb, ErrorAlert, Loading, LoginPrompt, Notice, PageTitle, Pagination } from '../ui.js';
import { NOTIFICATION_KIND, formatDateTime } from '../labels.js';
import { unreadChanged } from '../unread.js';
import { useSubmit } from './proposal.js';

const PAGE_SIZE = 20;

/** A subject's portal path, only when it is one of this portal's paths (never another origin). */
function portalPath(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : null;
}

function NotificationItem({ item, onRead }) {
  const read = useSubmit(async () => {
    await api(`/api/me/notifications/${item.id}/read`, { method: 'POST' });
    onRead();
  });
  const path = portalPath(item.subject?.url);
  const title = NOTIFICATION_KIND[item.kind] ?? 'Novità su Coprogram';
  return html`<li class=${`list-group-item py-3 ${item.read ? '' : 'border-start border-4 border-primary'}`}
      data-testid="notifica" data-letta=${item.read ? 'si' : 'no'}>
    <h2 class="h6 mb-1">${!item.read && html`<span class="badge bg-primary me-2">Nuova</span>`}${title}</h2>
    <p class="mb-1">${
      path ? html`<a href=${path}>${item.subject?.title || 'Apri'}</a>` : item.subject?.title
    }${item.data?.status ? ` — ${item.data.status}` : ''}</p>
    <p class="small text-muted mb-1"><time datetime=${item.createdAt}>${formatDateTime(item.createdAt)}</time>
      ${item.read ? ' · letta' : ' · da leggere'}</p>
    ${
      !item.read &&
      html`<button type="button" class="btn btn-link btn-sm p-0" disabled=${read.busy} onClick=${() => read.submit()}>
        Segna come letta<span class="visually-hidden">: ${title}</span></button>`
    }
    <${ErrorAlert} error=${read.error} />
  </li>`;
}

/** Marks every unread notification read, page after page, as the API has no "all" operation. */
async function markAllRead() {
  for (let guard = 0; guard < 50; guard++) {
    const page = await api('/api/me/notifications?page=0&size=100');
    const unread = page.items.filter((n) => !n.read);
    if (unread.length === 0) return;
    for (const n of unread) await api(`/api/me/notifications/${n.id}/read`, { method: 'POST' });
    if (page.unreadCount <= unread.length) return;
  }
}

/** The notification centre: the caller's notifications, newest first, with the unread ones marked. */
export function NotificationsPage({ session, onLogin }) {
  const [page, setPage] = useState(0);
  const list = useApi(session ? `/api/me/notifications?page=${page}&size=${PAGE_SIZE}` : null);
  const reload = () => {
    list.reload();
    unreadChanged();
  };
  const all = useSubmit(async () => {
    await markAllRead();
    reload();
    return true;
  });
  const data = list.data;
  return html`
    <${Breadcrumb} items=${[['Home', '/'], ['Notifiche']]} />
    <${PageTitle} title="Le mie notifiche" />
    ${!session && html`<${LoginPrompt} action="vedere le tue notifiche" onLogin=${onLogin} />`}
    ${
      session &&
      html`<p><a href="/notifiche/preferenze">Preferenze per le e-mail</a> ·
        <a href="/partecipazione">La mia partecipazione</a></p>`
    }
    <${ErrorAlert} error=${list.error ?? all.error} />
    ${session && !data && !list.error && html`<${Loading} />`}
    ${
      data &&
      html`<p aria-live="polite" data-testid="conteggio-non-lette">${
        data.unreadCount === 0
          ? 'Nessuna notifica da leggere.'
          : data.unreadCount === 1
            ? '1 notifica da leggere.'
            : `${data.unreadCount} notifiche da leggere.`
      }</p>
      ${
        data.unreadCount > 0 &&
        html`<p><button type="button" class="btn btn-outline-primary btn-sm" disabled=${all.busy}
          onClick=${() => all.submit()}>Segna tutte come lette</button></p>`
      }
      ${data.total === 0 && html`<p>Non hai ancora notifiche. Segui una proposta, un incontro o un piano per ricevere le novità.</p>`}
      <ul class="list-group mb-3" aria-label="Notifiche">
        ${data.items.map((item) => html`<${NotificationItem} key=${item.id} item=${item} onRead=${reload} />`)}
      </ul>
      <${Pagination} page=${page} size=${PAGE_SIZE} total=${data.total} onPage=${setPage} />`
    }`;
}

const MODES = [
  ['IMMEDIATE', 'Subito', 'Una e-mail per ogni novità, appena accade.'],
  ['DAILY_DIGEST', 'Un riepilogo al giorno', 'Una sola e-mail al mattino con le novità del giorno precedente.'],
  ['NONE', 'Nessuna e-mail', 'Le novità restano solo nel centro notifiche del portale.'],
];

/** The e-mail preference (docs/notifications.md, "Preferences and unsubscribe"). */
export function PreferencesPage({ session, onLogin }) {
  const current = useApi(session ? '/api/me/notification-preferences' : null);
  const [email, setEmail] = useState(null);
  useEffect(() => {
    if (current.data) setEmail(current.data.email);
  }, [current.data]);
  const save = useSubmit(() => api('/api/me/notification-preferences', { method: 'PUT', body: { email } }));
  return html`
    <${Breadcrumb} items=${[['Home', '/'], ['Notifiche', '/notifiche'], ['Preferenze']]} />
    <${PageTitle} title="Preferenze per le e-mail" />
    ${!session && html`<${LoginPrompt} action="scegliere come ricevere le notifiche" onLogin=${onLogin} />`}
    <${ErrorAlert} error=${current.error} />
    ${session && !current.data && !current.error && html`<${Loading} />`}
    ${
      current.data &&
      email &&
      html`<p>Il centro notifiche del portale conserva sempre tutte le tue notifiche: qui scegli solo se e quando
        riceverle anche per e-mail. Ogni e-mail contiene un collegamento per smettere di riceverle.</p>
      <form onSubmit=${(e) => {
        e.preventDefault();
        save.submit();
      }}>
        <fieldset class="mb-3">
          <legend class="h5">Quando vuoi ricevere le e-mail?</legend>
          ${MODES.map(
            ([code, label, hint]) => html`<div class="form-check mb-2">
              <input class="form-check-input" type="radio" name="email" id=${`pref-${code}`} value=${code}
                checked=${email === code} aria-describedby=${`pref-${code}-hint`} onChange=${() => setEmail(code)} />
              <label class="form-check-label" for=${`pref-${code}`}>${label}</label>
              <small id=${`pref-${code}-hint`} class="form-text d-block">${hint}</small>
            </div>`,
          )}
        </fieldset>
        <${ErrorAlert} error=${save.error} />
        <${Notice}>${save.done && 'Preferenza salvata.'}</${Notice}>
        <button type="submit" class="btn btn-primary" disabled=${save.busy}>Salva la preferenza</button>
      </form>`
    }`;
}
