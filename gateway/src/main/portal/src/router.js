import { useEffect, useState } from 'preact/hooks';

// Real paths (History API): the gateway answers every portal path with the app's page (PortalRoutes), so each page has
// its own address to share or bookmark. Links are plain anchors with real hrefs; a click on one that stays in the
// portal is handled here without reloading the page.
const ROUTES = [
  ['home', /^\/$/],
  ['plan', /^\/piani\/([^/]+)$/],
  ['proposals', /^\/piani\/([^/]+)\/proposte$/],
  ['newProposal', /^\/piani\/([^/]+)\/proposte\/nuova$/],
  ['proposal', /^\/proposte\/([^/]+)$/],
  ['surveys', /^\/piani\/([^/]+)\/questionari$/],
  ['survey', /^\/questionari\/([^/]+)$/],
  ['meetings', /^\/piani\/([^/]+)\/incontri$/],
  ['synthesis', /^\/piani\/([^/]+)\/sintesi$/],
  ['moderation', /^\/piani\/([^/]+)\/moderazione$/],
  ['socialReports', /^\/piani\/([^/]+)\/relazioni-sociali$/],
  ['socialReport', /^\/piani\/([^/]+)\/relazioni-sociali\/([^/]+)$/],
  ['planDocument', /^\/piani\/([^/]+)\/documento$/],
  ['planDocumentVersion', /^\/piani\/([^/]+)\/documento\/versioni\/([^/]+)$/],
  ['planDocumentDiff', /^\/piani\/([^/]+)\/documento\/confronto$/],
  ['planDraft', /^\/piani\/([^/]+)\/documento\/bozza$/],
  ['planLinks', /^\/piani\/([^/]+)\/documento\/collegamenti$/],
  ['accountability', /^\/piani\/([^/]+)\/rendicontazione$/],
  ['measure', /^\/interventi\/([^/]+)$/],
  ['territories', /^\/territori\/([^/]+)$/],
  ['territoryVersion', /^\/territori\/([^/]+)\/versioni\/([^/]+)$/],
  ['participation', /^\/partecipazione$/],
  ['notifications', /^\/notifiche$/],
  ['preferences', /^\/notifiche\/preferenze$/],
];

/** The route of a path such as `/piani/1/proposte?q=x` (a trailing slash is ignored). */
export function parse(path) {
  const [pathname, search = ''] = (path || '/').split('?');
  const clean = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [name, pattern] of ROUTES) {
    const match = pattern.exec(clean);
    if (match) {
      const [id, sub] = match.slice(1).map((part) => decodeURIComponent(part));
      return { name, id: id ?? null, sub: sub ?? null, params: new URLSearchParams(search) };
    }
  }
  return { name: 'notFound', id: null, params: new URLSearchParams() };
}

/** Links written before real paths (`/#/piani/…`) still work: the old hash becomes the path, in place. */
export function redirectHashRoute() {
  // `#//host/…` would be another origin, which replaceState refuses by throwing: such a link stays on the home page.
  if (location.hash.startsWith('#/') && !location.hash.startsWith('#//')) {
    history.replaceState(null, '', location.hash.slice(1));
  }
}

const listeners = new Set();
const current = () => parse(location.pathname + location.search);

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.scrollTo(0, 0);
  listeners.forEach((listener) => listener(current()));
}

/** Same-origin, plain left clicks on portal links; API documents, downloads and new tabs go to the browser. */
function onClick(event) {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  const anchor = event.target.closest?.('a[href]');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || /^\/(api|q|openapi|asyncapi|portal)\b|\.[a-z0-9]+$/i.test(url.pathname)) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

export function useRoute() {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onPop = () => setRoute(current());
    listeners.add(setRoute);
    window.addEventListener('popstate', onPop);
    document.addEventListener('click', onClick);
    return () => {
      listeners.delete(setRoute);
      window.removeEventListener('popstate', onPop);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return route;
}
