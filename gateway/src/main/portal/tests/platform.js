// Test data through the public API, as the region's staff would create it: a fresh plan per run, so the browser tests
// can be repeated against the same databases (one survey answer per person holds per plan's survey).
import { expect } from '@playwright/test';

// The test platform's gateway and realm, as e2e/pom.xml names them (see playwright.config.js).
const GATEWAY = process.env.COPROGRAM_GATEWAY ?? 'http://127.0.0.1:18080';
const KEYCLOAK = process.env.COPROGRAM_KEYCLOAK ?? 'http://127.0.0.1:8180';
const REALM = process.env.COPROGRAM_REALM ?? 'coprogram-test';

export async function tokenOf(user) {
  const response = await fetch(`${KEYCLOAK}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'coprogram-cli',
      client_secret: 'coprogram-demo-secret',
      username: user,
      password: user,
    }),
  });
  if (!response.ok) throw new Error(`login of ${user} failed: ${response.status}`);
  return (await response.json()).access_token;
}

export async function call(user, method, path, body) {
  const headers = { Accept: 'application/json' };
  if (user) headers.Authorization = `Bearer ${await tokenOf(user)}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${GATEWAY}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} as ${user}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * What `check` gives once it gives something (not null, undefined or false) without throwing, within a minute:
 * Playwright's own polling (expect.poll) instead of a loop of our own; a timeout names what was awaited and the last
 * error.
 */
export async function eventually(what, check, timeout = 60_000) {
  let value;
  let lastError = 'no value';
  try {
    await expect
      .poll(
        async () => {
          try {
            value = await check();
            return value !== null && value !== undefined && value !== false;
          } catch (error) {
            lastError = error.message;
            return false;
          }
        },
        { message: what, timeout },
      )
      .toBe(true);
  } catch {
    throw new Error(`${what}: not within ${timeout / 1000} s (${lastError})`);
  }
  return value;
}

export const THEMES = [
  { code: 'anziani', label: 'Anziani e non autosufficienza' },
  { code: 'poverta', label: 'Povertà e inclusione sociale' },
  { code: 'disabilita', label: 'Disabilità' },
];

const SURVEY = {
  title: 'Questionario di prova del portale',
  description: 'Tutti i tipi di domanda, per le prove nel browser.',
  anonymous: true,
  questions: [
    {
      id: 'ruolo',
      type: 'SINGLE_CHOICE',
      label: 'Partecipi come',
      required: true,
      options: [
        { id: 'persona', label: 'Persona' },
        { id: 'ente', label: 'Ente' },
      ],
    },
    {
      id: 'servizi',
      type: 'MULTIPLE_CHOICE',
      label: 'Quali servizi hai usato?',
      required: false,
      maxSelections: 2,
      options: [
        { id: 'pua', label: 'Segretariato sociale' },
        { id: 'sad', label: 'Assistenza domiciliare' },
        { id: 'cd', label: 'Centro diurno' },
      ],
    },
    {
      id: 'voto',
      type: 'SCALE',
      label: 'Quanto sei soddisfatto dell’assistenza domiciliare?',
      required: true,
      min: 1,
      max: 5,
      showIf: { question: 'servizi', equals: 'sad' },
    },
    {
      id: 'priorita',
      type: 'RANKING',
      label: 'Ordina le aree per priorità',
      required: true,
      options: [
        { id: 'anziani', label: 'Anziani' },
        { id: 'poverta', label: 'Povertà' },
        { id: 'disabilita', label: 'Disabilità' },
      ],
    },
    { id: 'parola', type: 'SHORT_TEXT', label: 'Una parola per il welfare che vorresti', required: false, max: 40 },
    { id: 'idea', type: 'LONG_TEXT', label: 'La tua proposta', required: false, max: 500 },
    { id: 'eta', type: 'NUMBER', label: 'Quanti anni hai?', required: true, min: 14, max: 110 },
    { id: 'comune', type: 'MUNICIPALITY', label: 'In quale comune vivi?', required: true },
  ],
};

function meeting(title, capacity) {
  return {
    type: 'TERRITORIAL',
    title,
    description: 'Incontro territoriale per raccogliere i contributi del territorio.',
    themes: ['anziani'],
    municipality: '072006',
    address: 'Via Sparano 1',
    startsAt: '2027-03-10T17:00:00+01:00',
    endsAt: '2027-03-10T19:00:00+01:00',
    capacity,
  };
}

/** A plan in consultation with a published survey, two meetings (one already full) and a proposal by `ets`. */
export async function freshConsultation() {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 14);
  const plan = await call('regione', 'POST', '/api/plans', {
    region: 'puglia',
    title: `Piano di prova del portale ${stamp}`,
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    themes: THEMES,
    leps: [],
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'CONSULTATION' });
  for (const section of ['proposals', 'surveys', 'meetings']) {
    await eventually(`the ${section} service learning the plan`, () =>
      call(null, 'GET', `/api/plans/${plan.id}/${section}`),
    );
  }
  const supported = await eventually('a proposal accepted', () =>
    call('ets', 'POST', `/api/plans/${plan.id}/proposals`, {
      kind: 'IDEA',
      title: 'Centro diurno per anziani soli nei quartieri',
      theme: 'anziani',
      municipality: '072006',
      body: 'Un centro diurno aperto tutto l’anno per gli anziani soli, con trasporto dedicato e attività di socialità.',
    }),
  );
  const survey = await call('regione', 'POST', `/api/plans/${plan.id}/surveys`, SURVEY);
  await call('regione', 'POST', `/api/surveys/${survey.id}/publish`);
  const open = await call(
    'regione',
    'POST',
    `/api/plans/${plan.id}/meetings`,
    meeting('Incontro territoriale di Bari', 40),
  );
  const full = await call(
    'regione',
    'POST',
    `/api/plans/${plan.id}/meetings`,
    meeting('Laboratorio ristretto sulla domiciliarità', 1),
  );
  await call('ets', 'POST', `/api/meetings/${full.id}/registrations`);
  return { plan, supported, survey, open, full };
}

export async function synthesisTotals(planId) {
  return (await call(null, 'GET', `/api/plans/${planId}/synthesis`)).totals;
}

async function admin(method, path, body) {
  const login = await fetch(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
  });
  const { access_token: token } = await login.json();
  const response = await fetch(`${KEYCLOAK}/admin/realms/${REALM}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * A citizen of the test realm for this run only (username = password, as the realm's other test people): for specs
 * that count what reaches a person, or erase them, while other specs act as the shared people at the same time.
 */
export async function freshCitizen() {
  const username = `persona-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await admin('POST', '/users', {
    username,
    enabled: true,
    email: `${username}@demo.coprogram.invalid`,
    emailVerified: true,
    firstName: 'Persona',
    lastName: 'Di Prova',
    attributes: { stakeholder_category: ['CITIZEN'] },
    credentials: [{ type: 'password', value: username, temporary: false }],
  });
  const [user] = await admin('GET', `/users?username=${username}&exact=true`);
  const role = await admin('GET', '/roles/citizen');
  await admin('POST', `/users/${user.id}/role-mappings/realm`, [role]);
  return { username, id: user.id };
}
