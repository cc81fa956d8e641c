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
