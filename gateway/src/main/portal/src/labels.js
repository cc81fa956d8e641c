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

const dateTime = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long' });
const number = new Intl.NumberFormat('it-IT');

export const formatDateTime = (iso) => (iso ? dateTime.format(new Date(iso)) : '');
export const formatDate = (iso) => (iso ? date.format(new Date(iso)) : '');
export const formatNumber = (n) => (n === null || n === undefined ? '—' : number.format(n));
export const themeLabel = (plan, code) => plan?.themes?.find((t) => t.code === code)?.label ?? code;

/** A link's outcome between a contribution and a measure of the plan (docs/plan-document.md, "Traceability"). */
export const OUTCOME = {
  INCORPORATED: 'Accolta nell’intervento',
  PARTIALLY_INCORPORATED: 'Accolta in parte nell’intervento',
  NOT_INCORPORATED: 'Considerata, non accolta nell’intervento',
};
export const PRIORITY = { HIGH: 'Alta', MEDIUM: 'Media', LOW: 'Bassa' };
export const SCOPE_LEVEL = { REGION: 'Tutta la regione', PROVINCES: 'Province', DISTRICTS: 'Ambiti territoriali' };
export const CHANGE = { ADDED: 'Aggiunto', REMOVED: 'Eliminato', CHANGED: 'Modificato' };
const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
const percent = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** An amount the server computed, shown as it is (the server's totals, never sums made here in floating point). */
export const formatEuro = (n) => (n === null || n === undefined ? '—' : euro.format(n));
export const formatPercent = (n) => (n === null || n === undefined ? '—' : `${percent.format(n)}%`);

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
