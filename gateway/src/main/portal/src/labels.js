// Italian labels for every code the public sees.
export const PHASES = [
  ['SOCIAL_REPORT', 'Relazioni sociali degli Ambiti'],
  ['CONSULTATION', 'Consultazione pubblica'],
  ['SYNTHESIS', 'Sintesi dei contributi'],
  ['ADOPTION', 'Adozione in Giunta'],
  ['MONITORING', 'Monitoraggio'],
];
export const PHASE = { DRAFT: 'In preparazione', CLOSED: 'Concluso', ...Object.fromEntries(PHASES) };
export const KIND = { PROPOSAL: 'Proposta', IDEA: 'Idea', REPORT: 'Segnalazione' };
export const STATUS = {
  SUBMITTED: 'In valutazione',
  WITHDRAWN: 'Ritirata',
  ACCEPTED: 'Accolta',
  PARTIALLY_ACCEPTED: 'Accolta in parte',
  NOT_ACCEPTED: 'Non accolta',
  MERGED: 'Unita a un’altra proposta',
};
export const ANSWERS = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOT_ACCEPTED', 'MERGED'];
export const CATEGORY = {
  DISTRICT: 'Ambito territoriale',
  PROVINCE: 'Provincia',
  MUNICIPALITY: 'Comune',
  TRADE_UNION: 'Organizzazione sindacale',
  EMPLOYER_ORGANIZATION: 'Organizzazione datoriale',
  THIRD_SECTOR: 'Terzo settore',
  PROFESSIONAL_ORDER: 'Ordine professionale',
  OTHER_PUBLIC_BODY: 'Altro ente pubblico',
  REGIONAL_GUARANTOR: 'Garante regionale',
  CITIZEN: 'Cittadino o cittadina',
};
export const MEETING_TYPE = {
  TERRITORIAL: 'Incontro territoriale',
  PLENARY: 'Incontro plenario',
  THEMATIC: 'Incontro tematico',
};
export const FLAG_REASON = {
  SPAM: 'Pubblicità o spam',
  OFFENSIVE: 'Contenuto offensivo',
  PERSONAL_DATA: 'Contiene dati personali',
  OFF_TOPIC: 'Fuori tema',
  OTHER: 'Altro motivo',
};
export const REPORT_STATE = { SUBMITTED: 'Inviata', DRAFT: 'In compilazione', NOT_STARTED: 'Non iniziata' };
export const REGION = { puglia: 'Regione Puglia', abruzzo: 'Regione Abruzzo' };

// Each formatter is made on its first use, not when this module loads: making one loads the locale's (and Europe/Rome's)
// ICU data, 60-80 ms of main thread on a phone each, and every page imports this module while few format dates.
const once = (make) => {
  let made = null;
  return () => (made ??= make());
};
const dateTime = once(
  () => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'short' }),
);
const date = once(() => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long' }));
const number = once(() => new Intl.NumberFormat('it-IT'));

export const formatDateTime = (iso) => (iso ? dateTime().format(new Date(iso)) : '');
export const formatDate = (iso) => (iso ? date().format(new Date(iso)) : '');
/**
 * A number as Intl.NumberFormat('it-IT') writes it, without Intl for the counts and rates the pages show: the first Intl
 * formatter a page makes loads the locale's ICU data, 45 ms of main thread (180 ms on Lighthouse's phone), inside the
 * render that shows the figures. Groups of three digits from 10.000 (CLDR's minimum grouping digits for Italian), a
 * decimal comma, up to three decimals; anything else (more decimals, exponents) still goes to Intl.
 */
export function formatNumber(n) {
  if (n === null || n === undefined) return '—';
  const [whole, decimals, more] = String(Math.abs(n)).split('.');
  if (more !== undefined || !/^\d+$/.test(whole) || (decimals !== undefined && !/^\d{1,3}$/.test(decimals))) {
    return number().format(n);
  }
  const grouped = whole.length < 5 ? whole : whole.replace(/\B(?=(\d{3})+$)/g, '.');
  return `${n < 0 || Object.is(n, -0) ? '-' : ''}${grouped}${decimals === undefined ? '' : `,${decimals}`}`;
}
export const themeLabel = (plan, code) => plan?.themes?.find((t) => t.code === code)?.label ?? code;

/** A link's outcome between a contribution and a measure of the plan (docs/plan-document.md, "Traceability"). */
export const OUTCOME = {
  INCORPORATED: 'Accolta nell’intervento',
  PARTIALLY_INCORPORATED: 'Accolta in parte nell’intervento',
  NOT_INCORPORATED: 'Considerata, non accolta nell’intervento',
};
/** Platforms a proposal can be imported from (docs/decidim.md). */
export const ORIGIN = { DECIDIM: 'Decidim' };

/**
 * Where an imported proposal came from, for its page: the platform's name and the original's address, only when it
 * is an http(s) address (a stored `javascript:` or `data:` URL is shown as text, never linked).
 */
export function importedOrigin(importedFrom) {
  if (!importedFrom) return null;
  const platform = ORIGIN[importedFrom.origin] ?? importedFrom.origin;
  let href = null;
  try {
    const url = new URL(importedFrom.originalUrl);
    if (url.protocol === 'https:' || url.protocol === 'http:') href = url.href;
  } catch {
    href = null;
  }
  return { platform, href, comments: importedFrom.comments ?? 0 };
}

export const PRIORITY = { HIGH: 'Alta', MEDIUM: 'Media', LOW: 'Bassa' };
export const SCOPE_LEVEL = { REGION: 'Tutta la regione', PROVINCES: 'Province', DISTRICTS: 'Ambiti territoriali' };
export const CHANGE = { ADDED: 'Aggiunto', REMOVED: 'Eliminato', CHANGED: 'Modificato' };
const euro = once(
  () => new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }),
);
const percent = once(() => new Intl.NumberFormat('it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
/** An amount the server computed, shown as it is (the server's totals, never sums made here in floating point). */
export const formatEuro = (n) => (n === null || n === undefined ? '—' : euro().format(n));
export const formatPercent = (n) => (n === null || n === undefined ? '—' : `${percent().format(n)}%`);

/** The kinds of the notification centre (notification-service's Wording: the same words as the e-mails). */
export const NOTIFICATION_KIND = {
  PROPOSAL_ANSWERED: 'La tua proposta ha ricevuto una risposta',
  PROPOSAL_MERGED: 'La tua proposta è stata unita a un’altra',
  PROPOSAL_HIDDEN: 'La tua proposta è stata nascosta',
  PROPOSAL_RESTORED: 'La tua proposta è di nuovo visibile',
  REGISTRATION_CONFIRMED: 'Iscrizione confermata',
  REGISTRATION_WAITLISTED: 'Sei in lista d’attesa',
  REGISTRATION_PROMOTED: 'Si è liberato un posto: sei iscritto',
  MEETING_UPDATED: 'Un incontro è cambiato',
  MEETING_CANCELLED: 'Un incontro è stato annullato',
  MEETING_REMINDER: 'Promemoria: l’incontro è domani',
  SURVEY_CLOSING_SOON: 'Un questionario sta per chiudere',
  COMMENT_CREATED: 'Nuovo commento',
  PLAN_PHASE_CHANGED: 'Il piano è passato a una nuova fase',
};
export const REGISTRATION_STATUS = { CONFIRMED: 'Confermata', WAITLISTED: 'In lista d’attesa', CANCELLED: 'Annullata' };
export const SURVEY_STATUS = { DRAFT: 'In preparazione', PUBLISHED: 'Aperto', CLOSED: 'Chiuso' };
export const ERASURE_STATUS = { PENDING: 'In corso', COMPLETED: 'Completata' };
