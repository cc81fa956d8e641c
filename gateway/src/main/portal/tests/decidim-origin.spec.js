import { expect, test } from '@playwright/test';
import { call, eventually, THEMES, tokenOf } from './platform.js';
import { accessible } from './helpers.js';

// A proposal imported from a Decidim open-data export (docs/decidim.md) says so on its page and links its original.
const GATEWAY = process.env.COPROGRAM_GATEWAY ?? 'http://127.0.0.1:18080';
const ORIGINAL = 'https://partecipa.example.org/processes/piano-sociale/f/12/proposals/4242';

function proposalsCsv(title) {
  const header = ['id', 'title/it', 'body/it', 'state', 'votes', 'comments', 'published_at', 'url', 'withdrawn'];
  const row = [
    '4242',
    title,
    'Uno sportello unico per le famiglie con persone non autosufficienti, aperto anche il sabato mattina.',
    '',
    '17',
    '3',
    '2025-01-15 09:30:00 UTC',
    ORIGINAL,
    'false',
  ];
  return `${header.join(';')}\n${row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(';')}\n`;
}

test('una proposta importata da Decidim dice da dove viene e rimanda all’originale', async ({ page }) => {
  const stamp = Date.now();
  const plan = await call('regione', 'POST', '/api/plans', {
    region: 'puglia',
    title: `Piano di prova dell’importazione ${stamp}`,
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    themes: THEMES,
    leps: [],
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'CONSULTATION' });
  const title = `Sportello unico per la non autosufficienza ${stamp}`;
  const form = new FormData();
  form.append('file', new Blob([proposalsCsv(title)], { type: 'text/csv' }), 'proposals.csv');
  form.append(
    'mapping',
    new Blob([JSON.stringify({ defaultTheme: 'anziani', defaultMunicipality: '072006' })], {
      type: 'application/json',
    }),
    'mapping.json',
  );
  const token = await tokenOf('regione');
  // proposal-service learns the plan through Kafka: until then the import is refused (404/409), as any write would be.
  const accepted = await eventually('the import accepted', async () => {
    const response = await fetch(`${GATEWAY}/api/plans/${plan.id}/imports/decidim`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    return response.status === 202 ? response.json() : null;
  });
  const done = await eventually('the import done', async () => {
    const state = await call('regione', 'GET', `/api/imports/${accepted.id}`);
    return state.status === 'PENDING' ? null : state;
  });
  expect(done.status, JSON.stringify(done.problems)).toBe('DONE');
  expect(done.counts.proposals).toBe(1);
  const listed = await eventually('the imported proposal listed', async () => {
    const page = await call(null, 'GET', `/api/plans/${plan.id}/proposals`);
    return page.items.find((p) => p.title === title);
  });

  await page.goto(`/proposte/${listed.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const origin = page.getByTestId('provenienza');
  await expect(origin).toContainText('Importata da Decidim');
  await expect(origin).toContainText('3 commenti sulla piattaforma d’origine');
  await expect(origin.getByRole('link', { name: 'proposta originale' })).toHaveAttribute('href', ORIGINAL);
  await expect(page.getByTestId('adesioni')).toHaveText('17');
  await accessible(page, 'imported proposal');
});
