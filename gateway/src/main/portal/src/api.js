import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { accessToken } from './auth.js';

/** A refused request: the problem+json body the gateway and the services answer with. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Errore ${status}`);
    this.status = status;
    this.problem = typeof problem === 'object' && problem ? problem : { title: `Errore ${status}` };
  }

  /** Field errors keyed by field name, as the services name them in `violations`. */
  violations() {
    const byField = {};
    for (const v of this.problem.violations ?? []) {
      const field = v.field ?? v.name ?? '';
      byField[field] = byField[field] ? `${byField[field]}; ${v.message}` : v.message;
    }
    return byField;
  }
}

/**
 * Calls the API; `body` is sent as JSON, `raw` as it is (a file's bytes, with its own Content-Type in `headers`).
 */
export async function api(path, { method = 'GET', body, raw, headers = {} } = {}) {
  const token = await accessToken();
  const sent = { Accept: 'application/json, application/problem+json', ...headers };
  if (token) sent.Authorization = `Bearer ${token}`;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: sent,
      body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { title: 'Servizio non raggiungibile', detail: 'Controlla la connessione e riprova.' });
  }
  const text = await response.text();
  const type = response.headers.get('Content-Type') || '';
  const data = text && type.includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, value);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Loads a path and reloads it when the path changes; `reload()` fetches again after a write. What was loaded for
 * another path is never returned: after a navigation from one proposal to the next, the page must not show, nor act
 * on, the previous one while the new one loads.
 */
export function useApi(path) {
  const [state, setState] = useState({ path, data: null, error: null, loading: Boolean(path) });
  // Only the newest request may set the state: an older one answering late would show an older truth.
  const newest = useRef(0);
  const load = useCallback(() => {
    if (!path) return;
    const request = ++newest.current;
    const settle = (next) => request === newest.current && setState({ path, ...next });
    setState((s) => ({ ...s, loading: true }));
    api(path)
      .then((data) => settle({ data, error: null, loading: false }))
      .catch((error) => settle({ data: null, error, loading: false }));
  }, [path]);
  useEffect(load, [load]);
  const current = state.path === path ? state : { path, data: null, error: null, loading: Boolean(path) };
  return { ...current, reload: load };
}
