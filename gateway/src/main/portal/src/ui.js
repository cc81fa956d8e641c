import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';

export function PageTitle({ children, title }) {
  const heading = useRef(null);
  useEffect(() => {
    document.title = `${title} — Coprogram`;
    heading.current?.focus();
  }, [title]);
  return html`<h1 ref=${heading} tabindex="-1" class="mb-4">${children ?? title}</h1>`;
}

/**
 * Its children, rendered in a task of their own after the page around them: a long page's lower sections each cost the
 * main thread 20-40 ms on a phone, and rendered with the rest they made one long task that delays the first tap.
 * The placeholder keeps the section's expected height so nothing jumps.
 */
export function RenderedAfter({ children, height = 300 }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(timer);
  }, []);
  return ready ? children : html`<div style=${{ minHeight: `${height}px` }}></div>`;
}

export function Loading() {
  return html`<p role="status" class="my-4">Caricamento in corso…</p>`;
}

export function ErrorAlert({ error }) {
  if (!error) return null;
  const violations = error.problem?.violations ?? [];
  return html`<div class="alert alert-danger" role="alert">
    <p class="mb-1"><strong>${error.problem?.title ?? 'Si è verificato un errore'}</strong></p>
    ${error.problem?.detail && html`<p class="mb-1">${error.problem.detail}</p>`}
    ${
      violations.length > 0 &&
      html`<ul class="mb-0">
      ${violations.map((v) => html`<li>${v.message}</li>`)}
    </ul>`
    }
  </div>`;
}

export function Notice({ children }) {
  return children ? html`<div class="alert alert-success" role="status">${children}</div>` : null;
}

export function Breadcrumb({ items }) {
  return html`<nav aria-label="Percorso di navigazione" class="breadcrumb-container mb-3">
    <ol class="breadcrumb">
      ${items.map(
        ([label, href], i) =>
          html`<li class="breadcrumb-item ${i === items.length - 1 ? 'active' : ''}"
            aria-current=${i === items.length - 1 ? 'page' : undefined}>
            ${href && i < items.length - 1 ? html`<a href=${href}>${label}</a>` : label}
            ${i < items.length - 1 && html`<span class="separator" aria-hidden="true">/</span>`}
          </li>`,
      )}
    </ol>
  </nav>`;
}

export function Pagination({ page, size, total, onPage }) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  return html`<nav class="pagination-wrapper" aria-label="Paginazione">
    <ul class="pagination">
      <li class="page-item ${page === 0 ? 'disabled' : ''}">
        <button type="button" class="page-link" disabled=${page === 0} onClick=${() => onPage(page - 1)}>Precedente</button>
      </li>
      <li class="page-item"><span class="page-link" aria-current="page">Pagina ${page + 1} di ${pages}</span></li>
      <li class="page-item ${page + 1 >= pages ? 'disabled' : ''}">
        <button type="button" class="page-link" disabled=${page + 1 >= pages} onClick=${() => onPage(page + 1)}>Successiva</button>
      </li>
    </ul>
  </nav>`;
}

/** A labelled form control with its error message tied to it by aria-describedby. */
export function Field({ id, label, error, hint, children }) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return html`<div class="mb-4">
    <label for=${id} class="form-label fw-semibold">${label}</label>
    ${children({ id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })}
    ${hint && html`<small id=${`${id}-hint`} class="form-text d-block">${hint}</small>`}
    ${error && html`<div id=${`${id}-error`} class="text-danger small mt-1">${error}</div>`}
  </div>`;
}

export function LoginPrompt({ action, onLogin }) {
  return html`<div class="alert alert-info">
    <p>Per ${action} accedi con le tue credenziali (SPID o CIE dove la Regione le ha attivate).</p>
    <button type="button" class="btn btn-primary" onClick=${onLogin}>Accedi</button>
  </div>`;
}

/** A labelled select whose first option, with an empty value, means "no filter". */
export function LabelledSelect({ id, label, value, onChange, empty, options, className = 'mb-3' }) {
  return html`<div class=${className}>
    <label for=${id} class="form-label">${label}</label>
    <select id=${id} class="form-select" value=${value} onChange=${onChange}>
      <option value="">${empty}</option>
      ${options.map(([code, text]) => html`<option value=${code}>${text}</option>`)}
    </select>
  </div>`;
}
