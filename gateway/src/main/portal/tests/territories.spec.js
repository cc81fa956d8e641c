import { expect, test } from '@playwright/test';
import { call, THEMES } from './platform.js';
import { accessible, login, shot } from './helpers.js';

// A region's territories (docs/territories.md). Every upload here takes effect in 2099, so the version in force, which
// new plans take (the other specs' too), stays the same however often the specs run against the same databases.
const HEADER = 'istat_code,district_code,district_name\n';
const FUTURE = '2099-12-31';

async function versions(region) {
  return (await call(null, 'GET', `/api/territories/${region}/versions?size=1`)).total;
}

function csv(text) {
  return { name: 'ambiti.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') };
}

test.describe.serial('i territori della Regione', () => {
  let uploaded;

  test('chi visita vede le versioni, la provenienza dei dati e i comuni non collocati', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Regione Puglia', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Territori della Regione Puglia' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Versioni dei territori, dalla più recente' })).toBeVisible();
    await expect(page.getByTestId('provenienza')).toContainText('non ufficiale');
    await expect(page.getByRole('button', { name: 'Carica la versione' })).toHaveCount(0);
    await accessible(page, 'territory versions');
    await shot(page, '12-territori');

    await page.goto('/territori/puglia/versioni/1');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Versione 1 dei territori della Regione Puglia' }),
    ).toBeVisible();
    await expect(page.getByTestId('provenienza')).toContainText('parziale, da fonti pubbliche; non ufficiale');
    const foggia = page.getByRole('region', { name: 'Provincia di Foggia (FG)' });
    await expect(foggia).toContainText('Ambito Territoriale Sociale di Foggia');
    await expect(foggia.getByTestId('non-collocati')).toContainText('Vieste');
    await expect(page.getByTestId('provincia')).toHaveCount(6);
    await accessible(page, 'territory version by province');
    await page.getByText(/Tabella di tutti i comuni/).click();
    const table = page.getByRole('table', { name: 'Comuni della versione 1, per provincia e nome' });
    await expect(table.getByRole('row', { name: /^Vieste / })).toContainText('non collocato');
    await accessible(page, 'territory version table');
    await shot(page, '13-versione-territori');
  });

  test('la Regione carica un file sbagliato: ogni errore con la sua riga, e nulla cambia', async ({ page }) => {
    const before = await versions('puglia');
    await page.goto('/territori/puglia');
    await login(page, 'regione');
    const summary = page.getByTestId('riepilogo-errori');

    await page.getByRole('button', { name: 'Carica la versione' }).click();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Scegli il file CSV da caricare.');
    await expect(page.getByLabel('File CSV')).toHaveAttribute('aria-invalid', 'true');

    await page
      .getByLabel('File CSV')
      .setInputFiles(csv(`${HEADER}072006,BA-BARI,Bari\n066049,AQ-01,L'Aquila\n072006,BA-BARI,Bari\n999999,X,Y\n`));
    await page.getByLabel('In vigore per i nuovi piani dal').fill(FUTURE);
    await page.getByLabel('Nota sulla provenienza').fill('Prova del portale: un file con errori');
    await page.getByRole('button', { name: 'Carica la versione' }).click();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Il file non è stato caricato: 3 errori');
    const rows = page.getByRole('table', { name: 'Errori del file' }).locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0).locator('th')).toHaveText('3');
    await expect(rows.nth(0)).toContainText("il comune 066049 (L'Aquila) è in Abruzzo, non in Puglia");
    await expect(rows.nth(1).locator('th')).toHaveText('4');
    await expect(rows.nth(1)).toContainText('il comune 072006 (Bari) è già alla riga 2');
    await expect(rows.nth(2).locator('th')).toHaveText('5');
    await expect(rows.nth(2)).toContainText('codice ISTAT sconosciuto: 999999');
    await accessible(page, 'territory upload with errors');
    await shot(page, '14-territori-errori');
    expect(await versions('puglia')).toBe(before);
  });

  test('la Regione carica una composizione valida, che vale per i nuovi piani dalla sua data', async ({ page }) => {
    const before = await versions('puglia');
    await page.goto('/territori/puglia');
    await login(page, 'regione');
    await page
      .getByLabel('File CSV')
      .setInputFiles(
        csv(
          `${HEADER}072006,BA-BARI,Ambito Territoriale Sociale di Bari\n074001,BR-01,Ambito Territoriale Sociale BR/1 Brindisi\n`,
        ),
      );
    await page.getByLabel('In vigore per i nuovi piani dal').fill(FUTURE);
    await page.getByLabel('Nota sulla provenienza').fill('Prova del portale: due soli ambiti');
    await page.getByRole('button', { name: 'Carica la versione' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'caricata' });
    await expect(notice).toContainText(/Versione \d+ caricata: in vigore per i nuovi piani dal 31 dicembre 2099/);
    uploaded = Number((await notice.textContent()).match(/Versione (\d+)/)[1]);
    const first = page.getByTestId('versione').first();
    await expect(first.getByRole('link')).toHaveText(`Versione ${uploaded}`);
    await expect(first).not.toContainText('in vigore');
    await accessible(page, 'territory upload done');
    expect(await versions('puglia')).toBe(before + 1);
  });

  test('la Regione d’Abruzzo non modifica i territori della Puglia', async ({ page }) => {
    await page.goto('/territori/puglia');
    await login(page, 'regione-abruzzo');
    await expect(page.getByText('Solo il personale della Regione Puglia carica nuove versioni')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Carica la versione' })).toHaveCount(0);
  });

  test('il piano mostra la versione che usa e la Regione lo sposta su un’altra', async ({ page }) => {
    const plan = await call('regione', 'POST', '/api/plans', {
      region: 'puglia',
      title: `Piano di prova dei territori ${Date.now()}`,
      periodStart: '2026-01-01',
      periodEnd: '2028-12-31',
      themes: THEMES,
      leps: [],
    });
    await page.goto(`/piani/${plan.id}`);
    await login(page, 'regione');
    await expect(page.getByTestId('versione-territori')).toContainText(
      `versione ${plan.territoryVersion} dei territori`,
    );
    await page.getByLabel('Sposta il piano sulla versione').selectOption(String(uploaded));
    await page.getByLabel('Motivo (resta nel registro delle modifiche)').fill('Prova del portale');
    await page.getByRole('button', { name: 'Sposta il piano' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'ora usa' })).toHaveText(
      `Il piano ora usa la versione ${uploaded}.`,
    );
    await expect(page.getByTestId('versione-territori')).toContainText(`versione ${uploaded} dei territori`);
    await accessible(page, 'plan territory');
    await shot(page, '15-piano-territori');
    expect((await call(null, 'GET', `/api/plans/${plan.id}/territory`)).territoryVersion).toBe(uploaded);
  });
});
