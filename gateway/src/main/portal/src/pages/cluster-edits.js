import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, query, useApi } from '../api.js';
import { ErrorAlert, Field, Notice } from '../ui.js';
import { formatDateTime } from '../labels.js';
import { useSubmit } from './proposal.js';

const KIND = { RENAME: 'Rinomina', MERGE: 'Unione', SPLIT: 'Divisione' };
const STATUS = {
  APPLIED: 'applicata',
  PARTIAL: 'applicata in parte',
  UNMATCHED: 'non trova più i suoi gruppi',
};

/** The region's edits to the clusters: forms to rename, merge and split, and the list of edits with undo. */
export function ClusterEditor({ planId, scope, clusters, onChange }) {
  const edits = useApi(`/api/plans/${planId}/synthesis/clusters/edits`);
  const changed = () => {
    edits.reload();
    onChange();
  };
  const path = (kind) =>
    `/api/plans/${planId}/synthesis/clusters/edits/${kind}${query({ level: scope.level, code: scope.code })}`;
  return html`<section class="border-top pt-4 mt-4" aria-labelledby="modifiche-gruppi-titolo">
    <h3 id="modifiche-gruppi-titolo" class="h5">Modifiche della Regione ai gruppi</h3>
    <p class="small">I gruppi sono calcolati dai testi. Le modifiche restano valide anche con nuovi contributi, finché
      ritrovano i contributi su cui sono state fatte.</p>
    <div class="row">
      <div class="col-lg-4"><${RenameForm} clusters=${clusters} path=${path('rename')} onDone=${changed} /></div>
      <div class="col-lg-4"><${MergeForm} clusters=${clusters} path=${path('merge')} onDone=${changed} /></div>
      <div class="col-lg-4"><${SplitForm} clusters=${clusters} path=${path('split')} onDone=${changed} /></div>
    </div>
    <${EditList} planId=${planId} edits=${edits} onChange=${changed} />
  </section>`;
}

/** Posts an edit with an Idempotency-Key that stays the same for retries of one attempt and changes after it. */
function useEdit(path, onDone) {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return useSubmit(async (body) => {
    const result = await api(path, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
    setKey(crypto.randomUUID());
    onDone();
    return result;
  });
}

function ClusterSelect({ id, label, value, onChange, clusters, error }) {
  return html`<${Field} id=${id} label=${label} error=${error}>${(a) =>
    html`<select ...${a} class="form-select" value=${value} onChange=${(e) => onChange(e.target.value)}>
      <option value="">Scegli il gruppo…</option>
      ${clusters.map((c) => html`<option value=${c.id}>${c.label} (${c.size})</option>`)}
    </select>`}</${Field}>`;
}

function LabelField({ id, label, value, onInput, error, required = true }) {
  return html`<${Field} id=${id} label=${label} error=${error} hint="Al massimo 120 caratteri.">${(a) =>
    html`<input ...${a} class="form-control" maxlength="120" required=${required} value=${value}
      onInput=${(e) => onInput(e.target.value)} />`}</${Field}>`;
}

function NoteField({ id, value, onInput, error }) {
  return html`<${Field} id=${id} label="Motivazione (facoltativa, pubblicata nel rapporto)" error=${error}>${(a) =>
    html`<textarea ...${a} class="form-control" rows="2" maxlength="500" value=${value}
      onInput=${(e) => onInput(e.target.value)}></textarea>`}</${Field}>`;
}

function RenameForm({ clusters, path, onDone }) {
  const [clusterId, setClusterId] = useState('');
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const rename = useEdit(path, onDone);
  return html`<form aria-labelledby="rinomina-titolo" noValidate onSubmit=${(e) => {
    e.preventDefault();
    rename.submit({ clusterId, label, note: note || undefined });
  }}>
    <h4 id="rinomina-titolo" class="h6">Rinomina un gruppo</h4>
    <${ClusterSelect} id="rinomina-gruppo" label="Gruppo" value=${clusterId} onChange=${setClusterId}
      clusters=${clusters} error=${rename.fieldErrors.clusterId} />
    <${LabelField} id="rinomina-etichetta" label="Nuovo nome" value=${label} onInput=${setLabel} error=${rename.fieldErrors.label} />
    <${NoteField} id="rinomina-nota" value=${note} onInput=${setNote} error=${rename.fieldErrors.note} />
    <${ErrorAlert} error=${rename.error} />
    <${Notice}>${rename.done && 'Gruppo rinominato.'}</${Notice}>
    <button type="submit" class="btn btn-outline-primary btn-sm" disabled=${rename.busy}>Rinomina</button>
  </form>`;
}

function MergeForm({ clusters, path, onDone }) {
  const [chosen, setChosen] = useState([]);
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const merge = useEdit(path, onDone);
  const toggle = (id) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  const listError = Object.entries(merge.fieldErrors)
    .filter(([field]) => field.startsWith('clusterIds'))
    .map(([, message]) => message)
    .join('; ');
  return html`<form aria-labelledby="unisci-titolo" noValidate onSubmit=${(e) => {
    e.preventDefault();
    merge.submit({ clusterIds: chosen, label: label || undefined, note: note || undefined });
  }}>
    <h4 id="unisci-titolo" class="h6">Unisci gruppi</h4>
    <fieldset class="mb-3" aria-describedby=${listError ? 'unisci-gruppi-errore' : undefined}>
      <legend class="form-label fw-semibold small">Gruppi da unire (almeno due)</legend>
      <div class="overflow-auto border p-2" style="max-height: 12rem">
        ${clusters.map(
          (c) => html`<div class="form-check">
          <input class="form-check-input" type="checkbox" id=${`unisci-${c.id}`} checked=${chosen.includes(c.id)}
            onChange=${() => toggle(c.id)} />
          <label class="form-check-label" for=${`unisci-${c.id}`}>${c.label} (${c.size})</label></div>`,
        )}
      </div>
      ${listError && html`<div id="unisci-gruppi-errore" class="text-danger small mt-1">${listError}</div>`}
    </fieldset>
    <${LabelField} id="unisci-etichetta" label="Nome del gruppo unito (facoltativo)" value=${label} onInput=${setLabel}
      error=${merge.fieldErrors.label} required=${false} />
    <${NoteField} id="unisci-nota" value=${note} onInput=${setNote} error=${merge.fieldErrors.note} />
    <${ErrorAlert} error=${merge.error} />
    <${Notice}>${merge.done && 'Gruppi uniti.'}</${Notice}>
    <button type="submit" class="btn btn-outline-primary btn-sm" disabled=${merge.busy}>Unisci</button>
  </form>`;
}

function SplitForm({ clusters, path, onDone }) {
  const [clusterId, setClusterId] = useState('');
  const [moved, setMoved] = useState([]);
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const split = useEdit(path, onDone);
  const cluster = clusters.find((c) => c.id === clusterId);
  const toggle = (id) => setMoved(moved.includes(id) ? moved.filter((m) => m !== id) : [...moved, id]);
  const membersError = Object.entries(split.fieldErrors)
    .filter(([field]) => field.startsWith('members'))
    .map(([, message]) => message)
    .join('; ');
  return html`<form aria-labelledby="dividi-titolo" noValidate onSubmit=${(e) => {
    e.preventDefault();
    split.submit({ clusterId, members: moved, label, note: note || undefined });
  }}>
    <h4 id="dividi-titolo" class="h6">Dividi un gruppo</h4>
    <${ClusterSelect} id="dividi-gruppo" label="Gruppo" value=${clusterId} clusters=${clusters}
      error=${split.fieldErrors.clusterId} onChange=${(id) => {
        setClusterId(id);
        setMoved([]);
      }} />
    ${
      cluster &&
      html`<fieldset class="mb-3" aria-describedby=${membersError ? 'dividi-contributi-errore' : undefined}>
      <legend class="form-label fw-semibold small">Contributi da spostare nel nuovo gruppo</legend>
      ${cluster.representatives.map(
        (r) => html`<div class="form-check">
        <input class="form-check-input" type="checkbox" id=${`dividi-${r.id}`} checked=${moved.includes(r.id)}
          onChange=${() => toggle(r.id)} />
        <label class="form-check-label small" for=${`dividi-${r.id}`}>${r.title ? `${r.title}: ` : ''}${r.excerpt}</label></div>`,
      )}
      ${membersError && html`<div id="dividi-contributi-errore" class="text-danger small mt-1">${membersError}</div>`}
    </fieldset>`
    }
    <${LabelField} id="dividi-etichetta" label="Nome del nuovo gruppo" value=${label} onInput=${setLabel}
      error=${split.fieldErrors.label} />
    <${NoteField} id="dividi-nota" value=${note} onInput=${setNote} error=${split.fieldErrors.note} />
    <${ErrorAlert} error=${split.error} />
    <${Notice}>${split.done && 'Gruppo diviso.'}</${Notice}>
    <button type="submit" class="btn btn-outline-primary btn-sm" disabled=${split.busy}>Dividi</button>
  </form>`;
}

function EditList({ planId, edits, onChange }) {
  const undo = useSubmit(async (id) => {
    await api(`/api/plans/${planId}/synthesis/clusters/edits/${id}`, { method: 'DELETE' });
    onChange();
    return true;
  });
  const list = edits.data ?? [];
  return html`<div class="mt-3">
    <${ErrorAlert} error=${edits.error ?? undo.error} />
    ${list.length === 0 && !edits.loading && html`<p class="small">Nessuna modifica ai gruppi.</p>`}
    ${
      list.length > 0 &&
      html`<div class="table-wrapper"><table class="table table-sm">
      <caption>Modifiche in vigore, dalla più vecchia</caption>
      <thead><tr><th scope="col">Quando</th><th scope="col">Chi</th><th scope="col">Modifica</th>
        <th scope="col">Territorio</th><th scope="col">Motivazione</th><th scope="col">Stato</th><th scope="col"><span class="visually-hidden">Azioni</span></th></tr></thead>
      <tbody>${list.map(
        (e) => html`<tr>
        <td>${formatDateTime(e.createdAt)}</td><td>${e.createdBy}</td>
        <th scope="row" class="fw-normal">${KIND[e.kind]}: ${e.beforeLabels.join(', ')}${e.label ? ` → ${e.label}` : ''}</th>
        <td>${e.level === 'region' ? 'regione' : e.code}</td><td>${e.note ?? ''}</td>
        <td>${STATUS[e.status] ?? ''}${e.detail ? html`<br /><span class="small">${e.detail}</span>` : ''}</td>
        <td><button type="button" class="btn btn-link btn-sm p-0" disabled=${undo.busy}
          aria-label=${`Annulla la modifica: ${KIND[e.kind]} ${e.label ?? ''}`} onClick=${() => undo.submit(e.id)}>Annulla</button></td></tr>`,
      )}</tbody>
    </table></div>`
    }
  </div>`;
}
