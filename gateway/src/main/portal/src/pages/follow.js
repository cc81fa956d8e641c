import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api } from '../api.js';
import { ErrorAlert } from '../ui.js';
import { useSubmit } from './proposal.js';

// "Segui / Non seguire più" (docs/notifications.md, "APIs"): the caller's own follows, PUT and DELETE
// /api/me/follows/{type}/{id}. Who follows something is told of its news in the notification centre and by e-mail.
const TARGET = { proposal: 'PROPOSAL', meeting: 'MEETING', plan: 'PLAN', theme: 'THEME' };
const WHAT = { proposal: 'questa proposta', meeting: 'questo incontro', plan: 'questo piano', theme: 'questo tema' };

/** The follow button of a proposal, meeting, plan or theme; nothing for an anonymous reader. */
export function FollowButton({ type, id, session, name }) {
  const [following, setFollowing] = useState(null);
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    if (!session) return undefined;
    let current = true;
    api('/api/me/follows')
      .then((follows) => {
        const mine = follows.some((f) => f.targetType === TARGET[type] && f.targetId === id);
        if (current) setFollowing((known) => (known === null ? mine : known));
      })
      .catch(() => current && setFollowing(false));
    return () => {
      current = false;
    };
  }, [session?.account, type, id]);
  const toggle = useSubmit(async () => {
    const next = !following;
    await api(`/api/me/follows/${type}/${encodeURIComponent(id)}`, { method: next ? 'PUT' : 'DELETE' });
    setFollowing(next);
    setChanged(true);
    return next;
  });
  if (!session || following === null) return null;
  const label = following ? 'Non seguire più' : 'Segui';
  return html`<div class="mb-3" data-testid=${`segui-${type}`}>
    <button type="button" class=${`btn btn-sm ${following ? 'btn-outline-primary' : 'btn-primary'}`}
      disabled=${toggle.busy} onClick=${() => toggle.submit()}>
      ${label}<span class="visually-hidden">: ${name ?? WHAT[type]}</span></button>
    <span class="small ms-2" role="status">${
      changed
        ? following
          ? 'Ora segui ' + WHAT[type] + ': riceverai le notifiche delle novità.'
          : 'Non segui più ' + WHAT[type] + '.'
        : following
          ? 'Segui ' + WHAT[type] + '.'
          : ''
    }</span>
    <${ErrorAlert} error=${toggle.error} />
  </div>`;
}
