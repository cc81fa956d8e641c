import { useEffect, useState } from 'preact/hooks';

// Authorization code + PKCE with the public client `coprogram-portal`; tokens live in sessionStorage only, so closing
// the tab ends the session on this device. The OIDC client and the login settings are loaded only for a login, its
// return, or a session this tab already holds: an anonymous visitor's first page waits for neither.
let manager;
let user = null;
const listeners = new Set();

async function userManager() {
  if (!manager) {
    const [config, { UserManager, WebStorageStateStore }] = await Promise.all([
      fetch('/portal/config.json').then((r) => r.json()),
      import('oidc-client-ts'),
    ]);
    manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: `${location.origin}/`,
      post_logout_redirect_uri: `${location.origin}/`,
      response_type: 'code',
      scope: 'openid',
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      automaticSilentRenew: true,
    });
    manager.events.addUserLoaded((loaded) => changed(loaded));
    manager.events.addUserUnloaded(() => changed(null));
  }
  return manager;
}

function changed(next) {
  user = next;
  listeners.forEach((listener) => listener(session()));
}

/** Where a login returns: a path of this portal only (a login begun before real paths carries `#/…`). */
function returnPath(state) {
  const path = typeof state === 'string' ? state.replace(/^#/, '') : '/';
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

/** Called once at start-up: completes a login that Keycloak redirected back here, or restores the stored one. */
export async function restoreSession() {
  const params = new URLSearchParams(location.search);
  const returning = params.has('code') && params.has('state');
  // oidc-client-ts keeps the user under "oidc.user:<authority>:<client>" in this tab's sessionStorage.
  const held = Object.keys(sessionStorage).some((key) => key.startsWith('oidc.'));
  if (!returning && !held) return;
  const m = await userManager();
  if (returning) {
    const signedIn = await m.signinRedirectCallback();
    history.replaceState(null, '', returnPath(signedIn.state));
    changed(signedIn);
    return;
  }
  const stored = await m.getUser();
  changed(stored && !stored.expired ? stored : null);
}

export async function login() {
  await (await userManager()).signinRedirect({ state: location.pathname + location.search });
}

export async function logout() {
  const m = await userManager();
  const idToken = user?.id_token;
  await m.removeUser();
  await m.signoutRedirect({ id_token_hint: idToken });
}

export async function accessToken() {
  if (user && user.expired) {
    try {
      changed(await (await userManager()).signinSilent());
    } catch {
      changed(null);
    }
  }
  return user?.access_token ?? null;
}

function claims(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

/**
 * Who is logged in, as the portal needs it: name, realm roles and the territorial claims. Tokens carry no user name
 * (for SPID and CIE accounts it is derived from the fiscal code: docs/identity.md), so the account is its `sub`.
 */
export function session() {
  if (!user) return null;
  const c = claims(user.access_token);
  const roles = c.realm_access?.roles ?? [];
  return {
    name: c.name,
    account: c.sub,
    roles,
    region: c.region ?? null,
    district: c.district ?? null,
    category: c.stakeholder_category ?? null,
    has: (role) => roles.includes(role),
  };
}

export function useSession() {
  const [current, setCurrent] = useState(session());
  useEffect(() => {
    listeners.add(setCurrent);
    return () => listeners.delete(setCurrent);
  }, []);
  return current;
}
