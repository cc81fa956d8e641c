import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, query, useApi } from '../api.js';
import { Breadcrumb, ErrorAlert, Field, Loading, Notice, PageTitle, Pagination } from '../ui.js';
import { REGION, formatDate, formatDateTime, formatNumber } from '../labels.js';
import { useSubmit } from './proposal.js';

// A region's territories as its staff manage them (docs/territories.md): the versions of the district composition and
// of the population, the one in force, and an upload that is applied whole or not at all.
const KIND = {
  SHIPPED: 'Composizione fornita con la piattaforma',
  COMPOSITION: 'Nuova composizione degli ambiti',
  POPULATION: 'Nuova popolazione',
};
const MAX_BYTES = 512 * 1024;
const COLUMN = {
  istat_code: 'codice ISTAT',
  district_code: 'codice ambito',
  district_name: 'nome ambito',
  lead_municipality: 'capofila',
  source: 'fonte',
  name: 'nome del comune',
  population: 'popolazione',
};

function regionName(region) {
  return REGION[region] ?? region;
}

/** The version's own words on where its data come from; a shipped composition is said to be partial and unofficial. */
function Provenance({ version }) {
  const shipped = version.kind === 'SHIPPED';
  return html`<div class=${`alert ${shipped ? 'alert-warning' : 'alert-info'}`} data-testid="provenienza">
    <p class="mb-1"><strong>${shipped ? 'Dati dimostrativi, non ufficiali' : 'Provenienza dei dati'}</strong></p>
    <p class="mb-1">${version.note}</p>
    <p class="mb-0 small">Popolazione: ${version.populationSource}. In vigore per i nuovi piani dal
      ${formatDate(version.effectiveFrom)}.</p>
  </div>`;
}

export function TerritoryVersions({ id: region, session, onLogin }) {
  const [page, setPage] = useState(0);
  const versions = useApi(`/api/territories/${encodeURIComponent(region)}/versions${query({ page, size: 20 })}`);
  const current = useApi(`/api/territories/${encodeURIComponent(region)}`);
  const staff = session?.has('region-staff') && session.region === region;
  const items = versions.data?.items ?? [];
  const inForce = current.data?.version;
  return html`
    <${Breadcrumb} items=${[
      ['Home', '/'],
      [`Territori: ${regionName(region)}`, null],
    ]} />
    <${PageTitle} title=${`Territori della ${regionName(region)}`} />
    <p>Quali comuni formano ciascun ambito sociale e con quale popolazione si calcolano le cifre di partecipazione.
      Ogni caricamento è una nuova versione: i nuovi piani usano quella in vigore, ogni piano tiene la sua finché il
      personale regionale non lo sposta. I comuni che una versione non assegna ad alcun ambito restano non collocati.</p>
    ${versions.loading && !versions.data && html`<${Loading} />`}
    <${ErrorAlert} error=${versions.error} />
    ${inForce && html`<h2 class="h4">In vigore oggi: versione ${inForce.version}</h2><${Provenance} version=${inForce} />`}
    ${
      versions.data &&
      html`<div class="table-wrapper"><table class="table">
        <caption>Versioni dei territori, dalla più recente</caption>
        <thead><tr>
          <th scope="col">Versione</th><th scope="col">Tipo</th><th scope="col">In vigore dal</th>
          <th scope="col">Ambiti</th><th scope="col">Comuni collocati</th><th scope="col">Comuni non collocati</th>
          <th scope="col">Piani che la usano</th><th scope="col">Caricata il</th>
        </tr></thead>
        <tbody>${items.map(
          (v) => html`<tr data-testid="versione">
            <th scope="row"><a href=${`/territori/${region}/versioni/${v.version}`}>Versione ${v.version}</a>
              ${v.inForce && html` <span class="badge bg-primary">in vigore</span>`}</th>
            <td>${KIND[v.kind] ?? v.kind}</td><td>${formatDate(v.effectiveFrom)}</td>
            <td>${formatNumber(v.districts)}</td><td>${formatNumber(v.placedMunicipalities)}</td>
            <td>${formatNumber(v.unplacedMunicipalities)}</td><td>${formatNumber(v.plans)}</td>
            <td>${formatDateTime(v.createdAt)}</td>
          </tr>`,
        )}</tbody>
      </table></div>
      <${Pagination} page=${versions.data.page} size=${versions.data.size} total=${versions.data.total} onPage=${setPage} />`
    }
    ${
      staff
        ? html`<${UploadForm} region=${region} onDone=${() => {
            setPage(0);
            versions.reload();
            current.reload();
          }} />`
        : html`<p class="mt-4 small">${
            session
              ? `Solo il personale della ${regionName(region)} carica nuove versioni dei suoi territori.`
              : html`Il personale regionale può caricare nuove versioni dopo aver
                <button type="button" class="btn btn-link p-0 align-baseline" onClick=${onLogin}>effettuato l’accesso</button>.`
          }</p>`
    }`;
}

/**
 * The upload: the file with its effective date and note. A refused file comes back with every fault and its line;
 * the summary takes the focus so that a screen reader reads it first, and nothing of the file has been applied.
 */
function UploadForm({ region, onDone }) {
  const [file, setFile] = useState(null);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [note, setNote] = useState('');
  const [populationAsOf, setPopulationAsOf] = useState('');
  const [local, setLocal] = useState(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const summary = useRef(null);
  const done = useRef(null);
  const upload = useSubmit(async () => {
    const bytes = await file.arrayBuffer();
    const path = `/api/territories/${encodeURIComponent(region)}/versions${query({ effectiveFrom, note, populationAsOf })}`;
    const version = await api(path, {
      method: 'POST',
      raw: bytes,
      headers: { 'Content-Type': 'text/csv', 'Idempotency-Key': key },
    });
    setKey(crypto.randomUUID());
    onDone();
    return version;
  });
  useEffect(() => {
    if (upload.error || local) summary.current?.focus();
  }, [upload.error, local]);
  useEffect(() => {
    if (upload.done) done.current?.focus();
  }, [upload.done]);
  const fieldErrors = { ...upload.fieldErrors, ...(local ?? {}) };
  const submit = (event) => {
    event.preventDefault();
    const missing = {};
    if (!file) missing.file = 'Scegli il file CSV da caricare.';
    else if (file.size > MAX_BYTES) missing.file = 'Il file supera i 512 KB.';
    if (!effectiveFrom) missing.effectiveFrom = 'Indica da quando la versione vale per i nuovi piani.';
    if (!note.trim()) missing.note = 'Scrivi chi ha fornito i dati e quanto sono affidabili.';
    if (Object.keys(missing).length > 0) {
      setLocal(missing);
      return;
    }
    setLocal(null);
    upload.submit();
  };
  const problem = upload.error?.problem;
  const fileErrors = problem?.errors ?? [];
  const listed = Object.entries(fieldErrors);
  const failed = local || upload.error;
  return html`<section class="border-top pt-4 mt-4" aria-labelledby="carica-titolo">
    <h2 id="carica-titolo" class="h4">Carica una nuova versione</h2>
    <p>Un file CSV in UTF-8, separato da virgole, con una di queste intestazioni:</p>
    <ul class="small">
      <li><strong>composizione degli ambiti</strong>: <code>istat_code,district_code,district_name</code>, facoltativamente
        seguita da <code>lead_municipality,source</code>; un comune al più una volta, i comuni assenti restano non collocati;</li>
      <li><strong>popolazione</strong>: <code>istat_code,name,population</code>, ogni comune della regione una volta, con la
        data a cui la popolazione si riferisce.</li>
    </ul>
    <p class="small">L’altra metà (la popolazione per una composizione, la composizione per una popolazione) resta quella
      dell’ultima versione. Il file si applica intero o per niente.</p>
    ${
      failed &&
      html`<div class="alert alert-danger" role="alert" tabindex="-1" ref=${summary} data-testid="riepilogo-errori"
        aria-labelledby="riepilogo-errori-titolo">
        <h3 id="riepilogo-errori-titolo" class="h5">${
          problem?.errorCount
            ? `Il file non è stato caricato: ${problem.errorCount} ${problem.errorCount === 1 ? 'errore' : 'errori'}`
            : (problem?.title ?? 'Controlla i dati del caricamento')
        }</h3>
        ${problem?.detail && !problem?.errorCount && html`<p class="mb-1">${problem.detail}</p>`}
        ${problem?.errorCount > 0 && html`<p class="mb-1">Non è stato applicato nulla. Correggi il file e caricalo di nuovo intero.</p>`}
        ${
          listed.length > 0 &&
          html`<ul class="mb-0">${listed.map(
            ([field, message]) =>
              html`<li><a href=${`#carica-${field}`} onClick=${(e) => {
                e.preventDefault();
                document.getElementById(`carica-${field}`)?.focus();
              }}>${message}</a></li>`,
          )}</ul>`
        }
      </div>`
    }
    ${
      fileErrors.length > 0 &&
      html`<div class="table-wrapper"><table class="table table-sm" data-testid="errori-file">
        <caption>Errori del file${
          problem.errorCount > fileErrors.length ? ` (i primi ${fileErrors.length} di ${problem.errorCount})` : ''
        }</caption>
        <thead><tr><th scope="col">Riga</th><th scope="col">Colonna</th><th scope="col">Motivo</th></tr></thead>
        <tbody>${fileErrors.map(
          (e) => html`<tr><th scope="row">${e.line ?? 'intero file'}</th><td>${COLUMN[e.column] ?? e.column ?? '—'}</td>
            <td>${e.reason}</td></tr>`,
        )}</tbody>
      </table></div>`
    }
    <div tabindex="-1" ref=${done}><${Notice}>${
      upload.done &&
      `Versione ${upload.done.version} caricata: in vigore per i nuovi piani dal ${formatDate(upload.done.effectiveFrom)}.`
    }</${Notice}></div>
    <form noValidate onSubmit=${submit} aria-labelledby="carica-titolo">
      <${Field} id="carica-file" label="File CSV" error=${fieldErrors.file}
        hint="Al massimo 512 KB, codifica UTF-8.">${(a) =>
          html`<input ...${a} type="file" class="form-control" accept=".csv,text/csv" required
            onChange=${(e) => setFile(e.target.files?.[0] ?? null)} />`}</${Field}>
      <${Field} id="carica-effectiveFrom" label="In vigore per i nuovi piani dal" error=${fieldErrors.effectiveFrom}>${(
        a,
      ) =>
        html`<input ...${a} type="date" class="form-control" required value=${effectiveFrom}
          onInput=${(e) => setEffectiveFrom(e.target.value)} />`}</${Field}>
      <${Field} id="carica-note" label="Nota sulla provenienza" error=${fieldErrors.note}
        hint="Chi ha fornito i dati, da quali atti, quanto sono completi. Al massimo 1.000 caratteri.">${(a) =>
          html`<textarea ...${a} class="form-control" rows="3" maxlength="1000" required value=${note}
            onInput=${(e) => setNote(e.target.value)}></textarea>`}</${Field}>
      <${Field} id="carica-populationAsOf" label="Data della popolazione (solo per un file di popolazione)"
        error=${fieldErrors.populationAsOf}>${(a) =>
          html`<input ...${a} type="date" class="form-control" value=${populationAsOf}
            onInput=${(e) => setPopulationAsOf(e.target.value)} />`}</${Field}>
      <button type="submit" class="btn btn-primary" disabled=${upload.busy}>Carica la versione</button>
    </form>
  </section>`;
}

export function TerritoryVersionPage({ id: region, sub: number }) {
  const version = useApi(`/api/territories/${encodeURIComponent(region)}/versions/${encodeURIComponent(number)}`);
  const title = `Versione ${number} dei territori della ${regionName(region)}`;
  const crumbs = html`<${Breadcrumb} items=${[
    ['Home', '/'],
    [`Territori: ${regionName(region)}`, `/territori/${region}`],
    [`Versione ${number}`, null],
  ]} />`;
  if (version.loading && !version.data) return html`${crumbs}<${PageTitle} title=${title} /><${Loading} />`;
  if (version.error) return html`${crumbs}<${PageTitle} title=${title} /><${ErrorAlert} error=${version.error} />`;
  const v = version.data;
  return html`
    ${crumbs}
    <${PageTitle} title=${title} />
    <p>${KIND[v.version.kind] ?? v.version.kind}${v.version.inForce ? ', in vigore per i nuovi piani' : ''}:
      ${formatNumber(v.version.districts)} ambiti, ${formatNumber(v.version.placedMunicipalities)} comuni collocati,
      ${formatNumber(v.version.unplacedMunicipalities)} non collocati; la usano ${formatNumber(v.version.plans)} piani.</p>
    <${Provenance} version=${v.version} />
    ${v.provinces.map(
      (p) => html`<section class="mb-4" aria-labelledby=${`provincia-${p.code}`} data-testid="provincia">
        <h2 id=${`provincia-${p.code}`} class="h4">Provincia di ${p.name} (${p.code})</h2>
        <p class="small">${formatNumber(p.placed)} comuni collocati su ${formatNumber(p.municipalities)}.</p>
        ${
          p.districts.length > 0 &&
          html`<h3 class="h6">Ambiti</h3>
          <ul>${p.districts.map(
            (
              d,
            ) => html`<li class="mb-2"><strong>${d.name}</strong> (${d.code}${d.leadMunicipality ? `, capofila ${d.leadMunicipality}` : ''};
              ${formatNumber(d.population)} abitanti): ${d.municipalities.map((m) => m.name).join(', ')}</li>`,
          )}</ul>`
        }
        <h3 class="h6">Comuni non collocati (${formatNumber(p.unplaced.length)})</h3>
        ${
          p.unplaced.length > 0
            ? html`<p class="small mb-1">Questa versione non li assegna ad alcun ambito: contano solo per comune e provincia.</p>
              <p data-testid="non-collocati">${p.unplaced.map((m) => m.name).join(', ')}</p>`
            : html`<p class="small">Nessuno: ogni comune della provincia è in un ambito.</p>`
        }
      </section>`,
    )}
    <details class="mb-4">
      <summary>Tabella di tutti i comuni (${formatNumber(v.rows.length)})</summary>
      <div class="table-wrapper"><table class="table table-sm">
        <caption>Comuni della versione ${v.version.version}, per provincia e nome</caption>
        <thead><tr><th scope="col">Comune</th><th scope="col">Codice ISTAT</th><th scope="col">Provincia</th>
          <th scope="col">Ambito</th><th scope="col">Popolazione</th><th scope="col">Fonte</th></tr></thead>
        <tbody>${v.rows.map(
          (r) => html`<tr><th scope="row" class="fw-normal">${r.name}</th><td>${r.istatCode}</td><td>${r.province}</td>
            <td>${r.districtCode ? `${r.districtName} (${r.districtCode})` : 'non collocato'}</td>
            <td>${formatNumber(r.population)}</td><td class="text-break small">${r.source ?? ''}</td></tr>`,
        )}</tbody>
      </table></div>
    </details>`;
}
