import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, query, useApi } from '../api.js';
import { Breadcrumb, ErrorAlert, Field, Loading, Notice, PageTitle } from '../ui.js';
import { CATEGORY, OUTCOME, PRIORITY, SCOPE_LEVEL, STATUS, formatNumber } from '../labels.js';
import { PlanNav, usePlan } from './plan-nav.js';
import { SECTION_TITLES, TotalsTable } from './plan-document.js';
import { useSubmit } from './proposal.js';
import { useTerritory } from './territory.js';

// The region's own pages on the plan's document (docs/plan-document.md, "Portal"): the draft editor and the linking of
// contributions to measures in bulk. Only region staff of the plan's region are offered them; the API refuses everybody
// else anyway (403), so these pages never ask for the draft on anyone else's behalf.

/** Whether the signed-in person is region staff of the plan's region: the only ones offered the editor. */
export function editsPlan(session, plan) {
  return Boolean(session?.has('region-staff') && plan && session.region === plan.region);
}

function StaffOnly() {
  return html`<p class="alert alert-info" data-testid="solo-regione">Questa pagina è riservata al personale della
    Regione che cura il piano. Il documento pubblicato si legge nella pagina <em>Documento del piano</em>.</p>`;
}

// ---------- The draft ----------

/** The id of a field's control from its path in the server's violations: `measures[2].resources[0].year`. */
const fieldId = (path) => `bozza-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;

/** An amount as the reader writes it (`50000,20` or `50000.20`) to the decimal text sent in JSON, or null. */
function decimalText(text) {
  const clean = String(text ?? '')
    .trim()
    .replace(',', '.');
  return /^\d{1,12}(\.\d{1,2})?$/.test(clean) ? clean : null;
}

/** An amount the server sent, for the form: two decimals with a comma (amounts fit a double's exact range). */
const amountText = (n) => (n === null || n === undefined ? '' : Number(n).toFixed(2).replace('.', ','));

const emptyMeasure = () => ({
  code: '',
  title: '',
  description: '',
  theme: '',
  leps: [],
  priority: 'MEDIUM',
  scope: { level: 'REGION', codes: '' },
  resources: [],
  office: '',
  indicators: [],
});

/** The draft as the form holds it: texts everywhere, amounts as the reader typed them. */
function toForm(document) {
  const sections = Object.fromEntries(Object.keys(SECTION_TITLES).map((key) => [key, '']));
  for (const s of document?.sections ?? []) sections[s.key] = s.text;
  const measures = (document?.measures ?? []).map((m) => ({
    code: m.code ?? '',
    title: m.title ?? '',
    description: m.description ?? '',
    theme: m.theme ?? '',
    leps: m.leps ?? [],
    priority: m.priority ?? 'MEDIUM',
    scope: { level: m.scope?.level ?? 'REGION', codes: (m.scope?.codes ?? []).join(', ') },
    resources: (m.resources ?? []).map((r) => ({
      source: r.source,
      year: String(r.year ?? ''),
      amount: amountText(r.amount),
    })),
    office: m.office ?? '',
    indicators: (m.indicators ?? []).map(String),
  }));
  return { sections, measures };
}

/**
 * The request body as JSON text, amounts written as the decimals typed (never through a double), and the checks the
 * form makes before sending (the server makes them all again): field path → message.
 */
function toBody(revision, form) {
  const errors = {};
  const amounts = [];
  const sections = Object.entries(form.sections)
    .filter(([, text]) => text.trim())
    .map(([key, text]) => ({ key, text }));
  const measures = form.measures.map((m, i) => {
    const resources = m.resources.map((r, j) => {
      const amount = decimalText(r.amount);
      if (amount === null) {
        errors[`measures[${i}].resources[${j}].amount`] =
          'Importo in euro, con al massimo due decimali (es. 50000,20).';
      }
      const year = /^\d{4}$/.test(r.year.trim()) ? Number(r.year) : null;
      if (year === null) errors[`measures[${i}].resources[${j}].year`] = 'Anno di quattro cifre.';
      amounts.push(amount ?? '0');
      return { source: r.source, year, amount: `@@amount-${amounts.length - 1}@@` };
    });
    const codes = m.scope.codes
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return {
      code: m.code.trim(),
      title: m.title,
      description: m.description.trim() ? m.description : null,
      theme: m.theme || null,
      leps: m.leps,
      priority: m.priority || null,
      scope: { level: m.scope.level, codes: m.scope.level === 'REGION' ? [] : codes },
      resources,
      office: m.office.trim() ? m.office : null,
      indicators: m.indicators,
    };
  });
  const json = JSON.stringify({ revision, document: { sections, measures } }).replace(
    /"@@amount-(\d+)@@"/g,
    (_, n) => amounts[Number(n)],
  );
  return { json, errors, sectionKeys: sections.map((s) => s.key) };
}

/** Server violations keyed by the form's paths: a section's index is the nth section sent, the form knows it by key. */
function serverErrors(error, sectionKeys) {
  const byField = error instanceof ApiError ? error.violations() : {};
  return Object.fromEntries(
    Object.entries(byField).map(([field, message]) => [
      field.replace(/^sections\[(\d+)\]/, (_, i) => `sections.${sectionKeys[Number(i)] ?? i}`),
      message,
    ]),
  );
}

/** The messages at a path and under it (`measures[0].scope` gathers `measures[0].scope.codes[1]`). */
function under(errors, path) {
  const found = Object.entries(errors)
    .filter(([field]) => field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`))
    .map(([, message]) => message);
  return found.length ? found.join('; ') : undefined;
}

/** The control a violation points at: the field itself, else the nearest enclosing one that the form shows. */
function controlOf(path) {
  let p = path;
  for (;;) {
    const element = document.getElementById(fieldId(p));
    if (element) return element;
    const shorter = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === p) return null;
    p = shorter;
  }
}

const FIELD_NAMES = {
  code: 'codice',
  title: 'titolo',
  description: 'descrizione',
  theme: 'area',
  leps: 'LEPS',
  priority: 'priorità',
  scope: 'ambito territoriale',
  level: 'ambito territoriale',
  codes: 'territori',
  resources: 'risorse',
  source: 'fonte',
  year: 'anno',
  amount: 'importo',
  office: 'ufficio responsabile',
  indicators: 'indicatori',
  text: 'testo',
};

/** A violation's path said in Italian: `measures[0].resources[1].amount` → "Intervento 1, risorsa 2: importo". */
function describe(path) {
  const parts = [];
  const section = /^sections\.([A-Z]+)/.exec(path);
  if (section) return SECTION_TITLES[section[1]] ?? 'Sezione';
  const measure = /^measures\[(\d+)\]/.exec(path);
  if (measure) parts.push(`Intervento ${Number(measure[1]) + 1}`);
  const resource = /resources\[(\d+)\]/.exec(path);
  if (resource) parts.push(`risorsa ${Number(resource[1]) + 1}`);
  const last = /([a-z]+)(\[\d+\])?$/i.exec(path)?.[1];
  const name = FIELD_NAMES[last];
  return parts.length ? `${parts.join(', ')}${name ? `: ${name}` : ''}` : (name ?? 'Documento');
}

/** Every problem of the last save, each a link that moves the focus to its field; it takes the focus when it appears. */
function ErrorSummary({ errors, title }) {
  const box = useRef(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (entries.length) box.current?.focus();
  }, [errors]);
  if (!entries.length) return null;
  return html`<div ref=${box} tabindex="-1" class="alert alert-danger" role="alert" aria-labelledby="riepilogo-errori"
    data-testid="riepilogo-errori">
    <h2 id="riepilogo-errori" class="h6">${title}</h2>
    <ul class="mb-0">${entries.map(
      ([path, message]) =>
        html`<li><a href=${`#${fieldId(path)}`} onClick=${(e) => {
          e.preventDefault();
          controlOf(path)?.focus();
        }}>${describe(path)}</a>: ${message}</li>`,
    )}</ul>
  </div>`;
}

function CheckList({ id, legend, options, chosen, onChange, error }) {
  const toggle = (value) => onChange(chosen.includes(value) ? chosen.filter((c) => c !== value) : [...chosen, value]);
  return html`<fieldset id=${id} tabindex="-1" class="mb-3" aria-describedby=${error ? `${id}-error` : undefined}>
    <legend class="form-label fw-semibold fs-6">${legend}</legend>
    ${options.length === 0 && html`<p class="small mb-0">Il piano non ne prevede.</p>`}
    ${options.map(
      ([value, label]) => html`<div class="form-check form-check-inline">
        <input class="form-check-input" type="checkbox" id=${`${id}-${value}`} checked=${chosen.includes(value)}
          onChange=${() => toggle(value)} />
        <label class="form-check-label" for=${`${id}-${value}`}>${label}</label></div>`,
    )}
    ${error && html`<div id=${`${id}-error`} class="text-danger small mt-1">${error}</div>`}
  </fieldset>`;
}

function ResourceRows({ path, resources, sources, errors, onChange }) {
  const set = (j, name, value) => onChange(resources.map((r, k) => (k === j ? { ...r, [name]: value } : r)));
  const id = fieldId(path);
  return html`<fieldset id=${id} tabindex="-1" class="mb-3">
    <legend class="form-label fw-semibold fs-6">Risorse per fonte di finanziamento e anno</legend>
    ${resources.length === 0 && html`<p class="small">Nessuna risorsa indicata.</p>`}
    ${resources.map((r, j) => {
      const at = `${path}[${j}]`;
      const rowError = errors[at];
      return html`<div class="row g-2 align-items-start border-bottom pb-2 mb-2" data-testid="riga-risorsa">
        <div class="col-md-4"><${Field} id=${fieldId(`${at}.source`)} label=${`Fonte (risorsa ${j + 1})`}
          error=${errors[`${at}.source`] ?? rowError}>${(a) =>
            html`<select ...${a} class="form-select" value=${r.source} onChange=${(e) => set(j, 'source', e.target.value)}>
              ${sources.map((s) => html`<option value=${s.code}>${s.label}</option>`)}</select>`}</${Field}></div>
        <div class="col-md-2"><${Field} id=${fieldId(`${at}.year`)} label=${`Anno (risorsa ${j + 1})`}
          error=${errors[`${at}.year`]}>${(a) =>
            html`<input ...${a} class="form-control" inputmode="numeric" maxlength="4" value=${r.year}
              onInput=${(e) => set(j, 'year', e.target.value)} />`}</${Field}></div>
        <div class="col-md-4"><${Field} id=${fieldId(`${at}.amount`)} label=${`Importo in euro (risorsa ${j + 1})`}
          hint="Al centesimo: 50000,20" error=${errors[`${at}.amount`]}>${(a) =>
            html`<input ...${a} class="form-control" inputmode="decimal" value=${r.amount}
              onInput=${(e) => set(j, 'amount', e.target.value)} />`}</${Field}></div>
        <div class="col-md-2 pt-md-4"><button type="button" class="btn btn-outline-danger btn-sm mt-md-2"
          onClick=${() => onChange(resources.filter((_, k) => k !== j))}>Togli la risorsa ${j + 1}</button></div>
      </div>`;
    })}
    <button type="button" class="btn btn-outline-primary btn-sm"
      onClick=${() => onChange([...resources, { source: sources[0]?.code ?? '', year: '', amount: '' }])}>
      Aggiungi una risorsa</button>
  </fieldset>`;
}

function MeasureEditor({ index, measure, plan, sources, indicators, errors, onChange, onRemove }) {
  const path = `measures[${index}]`;
  const set = (name) => (value) => onChange({ ...measure, [name]: value });
  const input = (name) => (e) => set(name)(e.target.value);
  const headingId = `bozza-intervento-${index}-titolo`;
  return html`<fieldset class="card card-bg mb-4" aria-labelledby=${headingId} data-testid="intervento-bozza">
    <div class="card-body">
      <h3 id=${headingId} class="h5">Intervento ${index + 1}${measure.code ? ` (${measure.code})` : ''}</h3>
      ${errors[path] && html`<p class="text-danger small">${errors[path]}</p>`}
      <div class="row">
        <div class="col-md-3"><${Field} id=${fieldId(`${path}.code`)} label="Codice" error=${errors[`${path}.code`]}
          hint="Stabile tra le versioni: maiuscole, cifre, punto o trattino (es. POV.3).">${(a) =>
            html`<input ...${a} class="form-control" maxlength="20" value=${measure.code} onInput=${input('code')} />`}</${Field}></div>
        <div class="col-md-9"><${Field} id=${fieldId(`${path}.title`)} label="Titolo" error=${errors[`${path}.title`]}
          hint="Da 3 a 200 caratteri.">${(a) =>
            html`<input ...${a} class="form-control" maxlength="200" value=${measure.title} onInput=${input('title')} />`}</${Field}></div>
      </div>
      <${Field} id=${fieldId(`${path}.description`)} label="Descrizione (facoltativa)" error=${errors[`${path}.description`]}>${(
        a,
      ) =>
        html`<textarea ...${a} class="form-control" rows="3" maxlength="10000" value=${measure.description}
          onInput=${input('description')}></textarea>`}</${Field}>
      <div class="row">
        <div class="col-md-6"><${Field} id=${fieldId(`${path}.theme`)} label="Area di intervento" error=${errors[`${path}.theme`]}>${(
          a,
        ) =>
          html`<select ...${a} class="form-select" value=${measure.theme} onChange=${input('theme')}>
            <option value="">Scegli…</option>
            ${plan.themes.map((t) => html`<option value=${t.code}>${t.label}</option>`)}</select>`}</${Field}></div>
        <div class="col-md-6"><${Field} id=${fieldId(`${path}.priority`)} label="Priorità" error=${errors[`${path}.priority`]}>${(
          a,
        ) =>
          html`<select ...${a} class="form-select" value=${measure.priority} onChange=${input('priority')}>
            ${Object.entries(PRIORITY).map(([code, label]) => html`<option value=${code}>${label}</option>`)}</select>`}</${Field}></div>
      </div>
      <${CheckList} id=${fieldId(`${path}.leps`)} legend="LEPS (livelli essenziali delle prestazioni sociali)"
        options=${(plan.leps ?? []).map((l) => [l, l])} chosen=${measure.leps} onChange=${set('leps')}
        error=${under(errors, `${path}.leps`)} />
      <div class="row">
        <div class="col-md-4"><${Field} id=${fieldId(`${path}.scope.level`)} label="Ambito territoriale di applicazione"
          error=${errors[`${path}.scope.level`] ?? errors[`${path}.scope`]}>${(a) =>
            html`<select ...${a} class="form-select" value=${measure.scope.level}
              onChange=${(e) => set('scope')({ ...measure.scope, level: e.target.value })}>
              ${Object.entries(SCOPE_LEVEL).map(([code, label]) => html`<option value=${code}>${label}</option>`)}</select>`}</${Field}></div>
        ${
          measure.scope.level !== 'REGION' &&
          html`<div class="col-md-8"><${Field} id=${fieldId(`${path}.scope.codes`)}
            label=${measure.scope.level === 'PROVINCES' ? 'Province (sigle)' : 'Ambiti (codici)'}
            hint=${measure.scope.level === 'PROVINCES' ? 'Separate da virgole: BA, FG' : 'Separati da virgole: BA-BARI, FG-FOGGIA'}
            error=${under(errors, `${path}.scope.codes`)}>${(a) =>
              html`<input ...${a} class="form-control" value=${measure.scope.codes}
                onInput=${(e) => set('scope')({ ...measure.scope, codes: e.target.value })} />`}</${Field}></div>`
        }
      </div>
      <${ResourceRows} path=${`${path}.resources`} resources=${measure.resources} sources=${sources} errors=${errors}
        onChange=${set('resources')} />
      <${Field} id=${fieldId(`${path}.office`)} label="Ufficio responsabile (facoltativo)" error=${errors[`${path}.office`]}>${(
        a,
      ) =>
        html`<input ...${a} class="form-control" maxlength="200" value=${measure.office} onInput=${input('office')} />`}</${Field}>
      <${CheckList} id=${fieldId(`${path}.indicators`)} legend="Indicatori di monitoraggio"
        options=${indicators.map((i) => [String(i.id), i.name])} chosen=${measure.indicators}
        onChange=${set('indicators')} error=${under(errors, `${path}.indicators`)} />
      <button type="button" class="btn btn-outline-danger btn-sm" onClick=${onRemove}>
        Elimina l’intervento ${index + 1}${measure.code ? ` (${measure.code})` : ''}</button>
    </div>
  </fieldset>`;
}

function PublishForm({ planId, dirty, revision, onPublished }) {
  const [note, setNote] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const publish = useSubmit(async () => {
    const version = await api(`/api/plans/${planId}/document/versions`, {
      method: 'POST',
      body: { note: note.trim() || undefined },
      headers: { 'Idempotency-Key': key },
    });
    setKey(crypto.randomUUID());
    setNote('');
    onPublished();
    return version;
  });
  return html`<section aria-labelledby="pubblica-titolo" class="border-top pt-4 mt-4">
    <h2 id="pubblica-titolo" class="h4">Pubblica una versione</h2>
    <p>Pubblicare congela la bozza salvata come nuova versione del documento, che tutti possono leggere e confrontare.</p>
    ${dirty && html`<p class="alert alert-warning">Ci sono modifiche non salvate: salva la bozza prima di pubblicarla.</p>`}
    <form noValidate onSubmit=${(e) => {
      e.preventDefault();
      publish.submit();
    }}>
      <${Field} id="pubblica-nota" label="Nota della versione (facoltativa)" error=${publish.fieldErrors.note}>${(a) =>
        html`<input ...${a} class="form-control" maxlength="500" value=${note} onInput=${(e) => setNote(e.target.value)} />`}</${Field}>
      <${ErrorAlert} error=${publish.error} />
      <${Notice}>${
        publish.done &&
        html`Pubblicata la versione ${publish.done.version}.
          <a href=${`/piani/${planId}/documento/versioni/${publish.done.version}`}>Leggi la versione ${publish.done.version}</a>.`
      }</${Notice}>
      <button type="submit" class="btn btn-primary" disabled=${publish.busy || dirty || revision === 0}>
        Pubblica la bozza</button>
    </form>
  </section>`;
}

function DraftEditor({ plan }) {
  const draft = useApi(`/api/plans/${plan.id}/document/draft`);
  const indicators = useApi(`/api/plans/${plan.id}/indicators`);
  const [form, setForm] = useState(null);
  const [revision, setRevision] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState({});
  const [saved, setSaved] = useState(null);
  const [conflict, setConflict] = useState(false);
  useEffect(() => {
    if (draft.data) {
      setForm(toForm(draft.data.document));
      setRevision(draft.data.revision);
      setDirty(false);
      setConflict(false);
    }
  }, [draft.data]);
  const save = useSubmit(async () => {
    const { json, errors: found, sectionKeys } = toBody(revision, form);
    if (Object.keys(found).length) {
      setErrors(found);
      return null;
    }
    try {
      const written = await api(`/api/plans/${plan.id}/document/draft`, {
        method: 'PUT',
        raw: json,
        headers: { 'Content-Type': 'application/json' },
      });
      setErrors({});
      setRevision(written.revision);
      setDirty(false);
      setSaved(written);
      return written;
    } catch (error) {
      if (error.status === 409) setConflict(true);
      setErrors(serverErrors(error, sectionKeys));
      throw error;
    }
  });
  if (draft.error) return html`<${ErrorAlert} error=${draft.error} />`;
  if (!form) return html`<${Loading} />`;
  const sources = draft.data.fundingSources ?? [];
  const labels = Object.fromEntries(sources.map((s) => [s.code, s.label]));
  const totals = (saved ?? draft.data).totals;
  const change = (next) => {
    setForm(next);
    setDirty(true);
    setSaved(null);
  };
  const setMeasure = (i) => (m) => change({ ...form, measures: form.measures.map((x, k) => (k === i ? m : x)) });
  const violations = save.error?.problem?.violations ?? [];
  return html`<form noValidate aria-labelledby="bozza-titolo" class="mb-4" onSubmit=${(e) => {
    e.preventDefault();
    save.submit();
  }}>
    <h2 id="bozza-titolo" class="visually-hidden">Bozza del documento</h2>
    <p data-testid="revisione-bozza">Revisione ${revision}${revision === 0 ? ': la bozza non è ancora stata scritta' : ''}.
      Due persone non si sovrascrivono: se un’altra salva prima, il salvataggio viene rifiutato.</p>
    <${ErrorSummary} errors=${errors} title="La bozza non è stata salvata: correggi questi campi" />
    ${
      save.error &&
      violations.length === 0 &&
      html`<${ErrorAlert} error=${save.error} />
      ${
        conflict &&
        html`<p><button type="button" class="btn btn-outline-primary btn-sm" onClick=${draft.reload}>
        Ricarica la bozza salvata (le tue modifiche andranno perse)</button></p>`
      }`
    }
    <section aria-labelledby="bozza-sezioni" class="mb-4">
      <h2 id="bozza-sezioni" class="h4">Sezioni</h2>
      <p class="small">Una sezione vuota non fa parte del documento.</p>
      ${Object.entries(SECTION_TITLES).map(
        ([key, title]) => html`<${Field} id=${fieldId(`sections.${key}`)} label=${title}
          error=${under(errors, `sections.${key}`)}>${(a) =>
            html`<textarea ...${a} class="form-control" rows="4" maxlength="50000" value=${form.sections[key]}
              onInput=${(e) => change({ ...form, sections: { ...form.sections, [key]: e.target.value } })}></textarea>`}</${Field}>`,
      )}
    </section>
    <section aria-labelledby="bozza-interventi" class="mb-4">
      <h2 id="bozza-interventi" class="h4">Interventi (${form.measures.length})</h2>
      ${form.measures.map(
        (m, i) => html`<${MeasureEditor} index=${i} measure=${m} plan=${plan} sources=${sources}
          indicators=${indicators.data ?? []} errors=${errors} onChange=${setMeasure(i)}
          onRemove=${() => change({ ...form, measures: form.measures.filter((_, k) => k !== i) })} />`,
      )}
      <button type="button" class="btn btn-outline-primary" onClick=${() => {
        change({ ...form, measures: [...form.measures, emptyMeasure()] });
        setTimeout(() => document.getElementById(fieldId(`measures[${form.measures.length}].code`))?.focus());
      }}>Aggiungi un intervento</button>
    </section>
    <div class="d-flex align-items-center gap-3 mb-3">
      <button type="submit" class="btn btn-primary" disabled=${save.busy}>Salva la bozza</button>
      <span role="status">${save.busy ? 'Salvataggio in corso…' : saved ? `Bozza salvata (revisione ${saved.revision}).` : dirty ? 'Modifiche non salvate.' : ''}</span>
    </div>
    ${
      totals?.bySource?.length > 0 &&
      html`<section aria-labelledby="bozza-totali" class="mb-4">
      <h2 id="bozza-totali" class="h4">Risorse della bozza salvata</h2>
      <${TotalsTable} totals=${totals} sources=${labels} caption="Risorse della bozza salvata per fonte e anno, in euro (somme del server)" />
    </section>`
    }
  </form>
  <${PublishForm} planId=${plan.id} dirty=${dirty} revision=${revision} onPublished=${draft.reload} />`;
}

/**
 * The frame of the region's pages on a plan's document: breadcrumb, title and plan navigation, then the page's own
 * content for staff of the plan's region, and only a notice for anyone else.
 */
function StaffPlanPage({ id, session, crumb, title, content }) {
  const plan = usePlan(id);
  if (!plan.data) return plan.error ? html`<${ErrorAlert} error=${plan.error} />` : html`<${Loading} />`;
  const p = plan.data;
  return html`
    <${Breadcrumb} items=${[
      ['Home', '/'],
      [p.title, `/piani/${p.id}`],
      ['Documento del piano', `/piani/${p.id}/documento`],
      [crumb, null],
    ]} />
    <${PageTitle} title=${title} />
    <${PlanNav} plan=${p} current="planDocument" session=${session} />
    ${editsPlan(session, p) ? content(p) : html`<${StaffOnly} />`}`;
}

/** `/piani/{id}/documento/bozza`: the draft editor, for region staff of the plan's region. */
export function DraftEditorPage({ id, session }) {
  return html`<${StaffPlanPage} id=${id} session=${session} crumb="Bozza" title="Bozza del documento del piano"
    content=${(
      p,
    ) => html`<p><a href=${`/piani/${p.id}/documento/collegamenti`}>Collega i contributi agli interventi</a></p>
      <${DraftEditor} plan=${p} />`} />`;
}

// ---------- Links ----------

function OutcomeAndReason({ idPrefix, outcome, reason, onOutcome, onReason, errors }) {
  return html`<fieldset id=${`${idPrefix}-outcome`} tabindex="-1" class="mb-3"
    aria-describedby=${errors.outcome ? `${idPrefix}-outcome-error` : undefined}>
    <legend class="form-label fw-semibold fs-6">Esito</legend>
    ${Object.entries(OUTCOME).map(
      ([code, label]) => html`<div class="form-check">
        <input class="form-check-input" type="radio" name=${`${idPrefix}-esito`} id=${`${idPrefix}-esito-${code}`}
          value=${code} checked=${outcome === code} onChange=${() => onOutcome(code)} />
        <label class="form-check-label" for=${`${idPrefix}-esito-${code}`}>${label}</label></div>`,
    )}
    ${errors.outcome && html`<div id=${`${idPrefix}-outcome-error`} class="text-danger small mt-1">${errors.outcome}</div>`}
  </fieldset>
  <${Field} id=${`${idPrefix}-reason`} label="Motivazione pubblica" error=${errors.reason}
    hint="Da 1 a 2.000 caratteri: la leggono le persone che hanno scritto i contributi.">${(a) =>
      html`<textarea ...${a} class="form-control" rows="3" maxlength="2000" value=${reason}
        onInput=${(e) => onReason(e.target.value)}></textarea>`}</${Field}>`;
}

const CONTRIBUTION_KIND = {
  PROPOSAL: 'Proposta',
  SURVEY_QUESTION: 'Domanda del questionario',
  SURVEY_RESPONSE: 'Risposta al questionario',
  MEETING_CONTRIBUTION: 'Contributo da un incontro',
  SOCIAL_REPORT_SECTION: 'Relazione sociale di ambito',
};

/** The outcome of a link action: how many were linked, and the ones left out with why. */
function LinkResult({ result, testid }) {
  if (!result) return null;
  return html`<div class="alert alert-success" role="status" data-testid=${testid}>
    <p class="mb-1">${
      result.links.length === 1
        ? 'Collegato all’intervento 1 contributo.'
        : `Collegati all’intervento ${formatNumber(result.links.length)} contributi.`
    }</p>
    ${
      result.skipped.length > 0 &&
      html`<p class="mb-1">Non collegati (${result.skipped.length}):</p>
      <ul class="mb-0" data-testid="saltati">${result.skipped.map(
        (s) =>
          html`<li>${
            s.contribution.kind === 'PROPOSAL'
              ? html`<a href=${`/proposte/${s.contribution.id}`}>Proposta ${s.contribution.id.slice(0, 8)}</a>`
              : `${CONTRIBUTION_KIND[s.contribution.kind] ?? s.contribution.kind} ${s.contribution.id.slice(0, 8)}`
          }: ${s.reason}</li>`,
      )}</ul>`
    }
  </div>`;
}

/** Posts a link action with an Idempotency-Key kept for retries of one attempt. */
function useLink(path) {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return useSubmit(async (body) => {
    const result = await api(path, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
    setKey(crypto.randomUUID());
    return result;
  });
}

/** Focuses the first field a refused link names, or the form's error box. */
function useFocusOnError(error, ids) {
  useEffect(() => {
    if (!error) return;
    const field = Object.keys(error.violations?.() ?? {})[0];
    const target = (field && ids(field)) || null;
    (target ? document.getElementById(target) : null)?.focus();
  }, [error]);
}

function ClusterLink({ planId, measure, onLinked }) {
  const clusters = useApi(`/api/plans/${planId}/synthesis/clusters`);
  const [cluster, setCluster] = useState('');
  const [outcome, setOutcome] = useState('INCORPORATED');
  const [reason, setReason] = useState('');
  const link = useLink(`/api/measures/${measure}/links`);
  const errors = link.fieldErrors;
  const byField = {
    cluster: errors['contribution.id'] ?? errors['contribution'] ?? errors['contribution.kind'],
    ...errors,
  };
  useFocusOnError(link.error, (f) =>
    f.startsWith('contribution') ? 'gruppo-cluster' : f === 'reason' ? 'gruppo-reason' : 'gruppo-outcome',
  );
  const list = clusters.data?.analysis?.clusters ?? [];
  return html`<section aria-labelledby="collega-gruppo-titolo" class="mb-5">
    <h2 id="collega-gruppo-titolo" class="h4">Collega un gruppo della sintesi</h2>
    <p>Ogni contributo del gruppo viene collegato con lo stesso esito e la stessa motivazione, in un’unica azione; quelli
      già collegati o non collegabili sono indicati a parte.</p>
    <${ErrorAlert} error=${clusters.error} />
    <form noValidate onSubmit=${async (e) => {
      e.preventDefault();
      const done = await link.submit({ contribution: { kind: 'CLUSTER', id: cluster }, outcome, reason });
      if (done) onLinked();
    }}>
      <${Field} id="gruppo-cluster" label="Gruppo di contributi simili (tutta la regione)" error=${byField.cluster}>${(
        a,
      ) =>
        html`<select ...${a} class="form-select" value=${cluster} onChange=${(e) => setCluster(e.target.value)}>
          <option value="">Scegli il gruppo…</option>
          ${list.map((c) => html`<option value=${c.id}>${c.label} (${c.size} contributi)</option>`)}</select>`}</${Field}>
      <${OutcomeAndReason} idPrefix="gruppo" outcome=${outcome} reason=${reason} onOutcome=${setOutcome}
        onReason=${setReason} errors=${errors} />
      ${link.error && !Object.keys(errors).length && html`<${ErrorAlert} error=${link.error} />`}
      ${link.error && Object.keys(errors).length > 0 && html`<p class="text-danger" role="alert">Il gruppo non è stato collegato: correggi i campi indicati.</p>`}
      <${LinkResult} result=${link.done} testid="esito-gruppo" />
      <button type="submit" class="btn btn-primary" disabled=${link.busy}>Collega il gruppo</button>
    </form>
  </section>`;
}

const EMPTY_FILTERS = { q: '', theme: '', district: '', category: '', status: '' };

function ProposalsLink({ plan, measure, onLinked }) {
  const territory = useTerritory(plan.region);
  const [filters, setFilters] = useState(EMPTY_FILTERS);
  const [search, setSearch] = useState('');
  const list = useApi(`/api/plans/${plan.id}/proposals${query({ ...filters, size: 50 })}`);
  const [chosen, setChosen] = useState([]);
  const [outcome, setOutcome] = useState('INCORPORATED');
  const [reason, setReason] = useState('');
  const link = useLink(`/api/measures/${measure}/links/bulk`);
  const [sent, setSent] = useState([]);
  const errors = link.fieldErrors;
  // `contributions[i].id` names the i-th proposal sent: its message goes next to that proposal's checkbox.
  const itemError = (id) => {
    const i = sent.indexOf(id);
    return i < 0 ? undefined : under(errors, `contributions[${i}]`);
  };
  useFocusOnError(link.error, (f) => {
    const i = /^contributions\[(\d+)\]/.exec(f)?.[1];
    if (i !== undefined) return `proposta-scelta-${sent[Number(i)]}`;
    return f === 'reason' ? 'elenco-reason' : f === 'outcome' ? 'elenco-outcome' : 'elenco-proposte';
  });
  const items = list.data?.items ?? [];
  const set = (name) => (e) => {
    setFilters({ ...filters, [name]: e.target.value });
    setChosen([]);
  };
  const allChosen = items.length > 0 && items.every((p) => chosen.includes(p.id));
  const toggle = (id) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return html`<section aria-labelledby="collega-elenco-titolo" class="mb-5">
    <h2 id="collega-elenco-titolo" class="h4">Collega proposte da un elenco filtrato</h2>
    <p>Filtra le proposte, scegli quelle da collegare (fino a 500) e indica esito e motivazione: vengono collegate tutte
      o nessuna.</p>
    <form class="row g-2 align-items-end mb-3" role="search" aria-label="Filtra le proposte" onSubmit=${(e) => {
      e.preventDefault();
      setFilters({ ...filters, q: search });
      setChosen([]);
    }}>
      <div class="col-md-4"><label for="elenco-cerca" class="form-label">Cerca nel titolo e nel testo</label>
        <input id="elenco-cerca" type="search" class="form-control" value=${search} onInput=${(e) => setSearch(e.target.value)} /></div>
      <div class="col-md-2"><label for="elenco-area" class="form-label">Area</label>
        <select id="elenco-area" class="form-select" value=${filters.theme} onChange=${set('theme')}>
          <option value="">Tutte</option>${plan.themes.map((t) => html`<option value=${t.code}>${t.label}</option>`)}</select></div>
      <div class="col-md-2"><label for="elenco-ambito" class="form-label">Ambito</label>
        <select id="elenco-ambito" class="form-select" value=${filters.district} onChange=${set('district')}>
          <option value="">Tutti</option>${(territory?.districts ?? []).map((d) => html`<option value=${d.code}>${d.name}</option>`)}</select></div>
      <div class="col-md-2"><label for="elenco-categoria" class="form-label">Categoria</label>
        <select id="elenco-categoria" class="form-select" value=${filters.category} onChange=${set('category')}>
          <option value="">Tutte</option>${Object.entries(CATEGORY).map(([c, l]) => html`<option value=${c}>${l}</option>`)}</select></div>
      <div class="col-md-2"><button type="submit" class="btn btn-outline-primary">Filtra</button></div>
    </form>
    <${ErrorAlert} error=${list.error} />
    <form noValidate onSubmit=${async (e) => {
      e.preventDefault();
      const ids = [...chosen];
      setSent(ids);
      const done = await link.submit({
        contributions: ids.map((id) => ({ kind: 'PROPOSAL', id })),
        outcome,
        reason,
      });
      if (done) {
        setChosen([]);
        onLinked();
      }
    }}>
      <fieldset id="elenco-proposte" tabindex="-1" class="mb-3" aria-describedby=${errors.contributions ? 'elenco-proposte-error' : undefined}>
        <legend class="form-label fw-semibold fs-6">Proposte trovate: ${formatNumber(list.data?.total ?? 0)}
          ${list.data?.total > items.length ? ` (le prime ${items.length})` : ''}; scelte: ${chosen.length}</legend>
        ${
          items.length > 0 &&
          html`<div class="form-check mb-2"><input class="form-check-input" type="checkbox" id="elenco-tutte"
            checked=${allChosen} onChange=${() => setChosen(allChosen ? [] : items.map((p) => p.id))} />
            <label class="form-check-label fw-semibold" for="elenco-tutte">Scegli tutte le proposte dell’elenco</label></div>`
        }
        <ul class="list-unstyled mb-0">${items.map((p) => {
          const error = itemError(p.id);
          return html`<li class="form-check" data-testid="proposta-da-collegare">
            <input class="form-check-input" type="checkbox" id=${`proposta-scelta-${p.id}`} checked=${chosen.includes(p.id)}
              aria-describedby=${error ? `proposta-scelta-${p.id}-error` : undefined} aria-invalid=${error ? 'true' : undefined}
              onChange=${() => toggle(p.id)} />
            <label class="form-check-label" for=${`proposta-scelta-${p.id}`}>${p.title}${' '}<span class="small">(${CATEGORY[p.category] ?? p.category ?? '—'}, ${STATUS[p.status] ?? p.status})</span></label>
            ${error && html`<div id=${`proposta-scelta-${p.id}-error`} class="text-danger small">${error}</div>`}
          </li>`;
        })}</ul>
        ${errors.contributions && html`<div id="elenco-proposte-error" class="text-danger small mt-1">${errors.contributions}</div>`}
      </fieldset>
      <${OutcomeAndReason} idPrefix="elenco" outcome=${outcome} reason=${reason} onOutcome=${setOutcome}
        onReason=${setReason} errors=${errors} />
      ${link.error && !Object.keys(errors).length && html`<${ErrorAlert} error=${link.error} />`}
      ${link.error && Object.keys(errors).length > 0 && html`<p class="text-danger" role="alert">Nessuna proposta è stata collegata: correggi i campi indicati.</p>`}
      <${LinkResult} result=${link.done} testid="esito-elenco" />
      <button type="submit" class="btn btn-primary" disabled=${link.busy}>Collega le proposte scelte</button>
    </form>
  </section>`;
}

function Links({ plan, params }) {
  const draft = useApi(`/api/plans/${plan.id}/document/draft`);
  const [code, setCode] = useState(params.get('intervento') ?? '');
  const [count, setCount] = useState(0);
  if (draft.error) return html`<${ErrorAlert} error=${draft.error} />`;
  if (!draft.data) return html`<${Loading} />`;
  const measures = draft.data.document.measures;
  if (measures.length === 0) {
    return html`<p>La bozza non ha interventi: <a href=${`/piani/${plan.id}/documento/bozza`}>scrivili nella bozza</a>.</p>`;
  }
  const chosen = measures.find((m) => m.code === code);
  const id = chosen ? draft.data.measureIds[chosen.code] : null;
  return html`
    <div class="mb-4" style="max-width: 40rem">
      <label for="collega-intervento" class="form-label fw-semibold">Intervento a cui collegare i contributi</label>
      <select id="collega-intervento" class="form-select" value=${code} onChange=${(e) => setCode(e.target.value)}>
        <option value="">Scegli l’intervento…</option>
        ${measures.map((m) => html`<option value=${m.code}>${m.code} — ${m.title}</option>`)}
      </select>
      <p class="small mt-1">Un collegamento diventa pubblico quando l’intervento è in una versione pubblicata.</p>
    </div>
    ${
      id &&
      html`<p role="status">${count > 0 ? `Azioni di collegamento eseguite: ${count}. ` : ''}<a href=${`/interventi/${id}`}>
        Scheda pubblica dell’intervento ${chosen.code}</a> (se pubblicato).</p>
      <${ClusterLink} key=${`c-${id}`} planId=${plan.id} measure=${id} onLinked=${() => setCount(count + 1)} />
      <${ProposalsLink} key=${`p-${id}`} plan=${plan} measure=${id} onLinked=${() => setCount(count + 1)} />`
    }`;
}

/** `/piani/{id}/documento/collegamenti`: linking contributions to a measure, from a cluster or a filtered list. */
export function LinkContributionsPage({ id, params, session }) {
  return html`<${StaffPlanPage} id=${id} session=${session} crumb="Collegamento dei contributi"
    title="Collega i contributi agli interventi"
    content=${(p) => html`<p><a href=${`/piani/${p.id}/documento/bozza`}>Torna alla bozza</a></p>
      <${Links} plan=${p} params=${params} />`} />`;
}
