import { expect, test } from '@playwright/test';
import { THEMES, call } from './platform.js';
import { accessible, shot } from './helpers.js';

// The plan's document as the public reads it (issue #26): a published version with its sections, measures and
// resources, and what changed between two versions, checked with axe like every portal page. Data through the API,
// as region staff would write it: a fresh plan per run.
function document(description, amount2027) {
  return {
    sections: [
      { key: 'CONTEXT', text: 'La Puglia conta 45 ambiti territoriali sociali.' },
      { key: 'NEEDS', text: 'Cresce la domanda di assistenza domiciliare.' },
    ],
    measures: [
      {
        code: 'M1',
        title: 'Pronto intervento sociale',
        description,
        theme: 'poverta',
        leps: [],
        priority: 'HIGH',
        scope: { level: 'REGION', codes: [] },
        resources: [
          { source: 'FNPS', year: 2026, amount: 100000.1 },
          { source: 'FNPS', year: 2027, amount: amount2027 },
        ],
        office: 'Sezione Inclusione sociale',
        indicators: [],
      },
      {
        code: 'M2',
        title: 'Assistenza domiciliare a Bari',
        theme: 'anziani',
        leps: [],
        priority: 'MEDIUM',
        scope: { level: 'DISTRICTS', codes: ['BA-BARI'] },
        resources: [{ source: 'FNA', year: 2026, amount: 1000 }],
        indicators: [],
      },
    ],
  };
}

async function planWithTwoVersions() {
  const plan = await call('regione', 'POST', '/api/plans', {
    region: 'puglia',
    title: `Piano con documento ${Date.now()}`,
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    themes: THEMES,
    leps: [],
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'CONSULTATION' });
  const path = `/api/plans/${plan.id}/document`;
  await call('regione', 'PUT', `${path}/draft`, { revision: 0, document: document('Attivo tutto l’anno.', 50000.2) });
  await call('regione', 'POST', `${path}/versions`, { note: 'Prima stesura' });
  await call('regione', 'PUT', `${path}/draft`, {
    revision: 1,
    document: document('Attivo tutto l’anno, anche di notte.', 65000),
  });
  await call('regione', 'POST', `${path}/versions`, { note: 'Dopo la consultazione' });
  return plan;
}

test('una versione pubblicata del documento del piano si legge con interventi e risorse', async ({ page }) => {
  const plan = await planWithTwoVersions();
  await page.goto(`/piani/${plan.id}/documento/versioni/1`);
  await expect(page.getByRole('heading', { level: 1, name: 'Documento del piano, versione 1' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Il contesto' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /M1\s*Pronto intervento sociale/ })).toBeVisible();
  await expect(page.getByTestId('totale-piano')).toContainText('151.000,30');
  await accessible(page, 'plan document version');
  await shot(page, 'plan-document-version');

  // The latest version is the default, and its totals are the server's.
  await page.getByRole('link', { name: 'Documento del piano' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Documento del piano, versione 2' })).toBeVisible();
  await expect(page.getByTestId('totale-piano')).toContainText('166.000,10');
});

test('il confronto tra due versioni mostra il prima e il dopo di ciò che è cambiato', async ({ page }) => {
  const plan = await planWithTwoVersions();
  await page.goto(`/piani/${plan.id}/documento/confronto?da=1&a=2`);
  await expect(page.getByRole('heading', { level: 1, name: 'Confronto tra versioni del documento' })).toBeVisible();
  await expect(page.getByTestId('riepilogo-confronto')).toContainText('0 sezioni e 1 interventi cambiati');
  const change = page.getByTestId('modifica-intervento');
  await expect(change).toHaveCount(1);
  await expect(change.getByRole('heading', { name: /Intervento M1/ })).toBeVisible();
  const description = change.getByRole('row', { name: /Descrizione/ });
  await expect(description).toContainText('Attivo tutto l’anno.');
  await expect(description).toContainText('anche di notte');
  await expect(change.getByRole('row', { name: /Risorse/ })).toContainText('65.000,00');
  await accessible(page, 'plan document diff');
  await shot(page, 'plan-document-diff');
});
