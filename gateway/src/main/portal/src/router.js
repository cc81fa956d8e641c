import { useEffect, useState } from 'preact/hooks';

// Hash routes keep the gateway a plain static file server; only hashes starting with "#/" are routes, so in-page
// anchors such as the skip link stay anchors.
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
  ['territories', /^\/territori\/([^/]+)$/],
  ['territoryVersion', /^\/territori\/([^/]+)\/versioni\/([^/]+)$/],
];

export function parse(hash) {
  const [path, search = ''] = (hash.replace(/^#/, '') || '/').split('?');
  for (const [name, pattern] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      const [id, sub] = match.slice(1).map((part) => decodeURIComponent(part));
      return { name, id: id ?? null, sub: sub ?? null, params: new URLSearchParams(search) };
    }
  }
  return { name: 'notFound', id: null, params: new URLSearchParams() };
}

export function useRoute() {
  const [route, setRoute] = useState(parse(location.hash));
  useEffect(() => {
    const onChange = () => {
      if (location.hash === '' || location.hash.startsWith('#/')) setRoute(parse(location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(path) {
  location.hash = path;
}
