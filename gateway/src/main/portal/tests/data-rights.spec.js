import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { call, freshCitizen, freshConsultation, tokenOf } from './platform.js';
import { accessible, login, shot } from './helpers.js';

// The data rights of "La mia partecipazione" (docs/privacy.md; GDPR art. 15, 17, 20): the export downloaded as a JSON
// file with the person's token, and the erasure request with its confirmation and status. Erasure forgets an account,
// so it runs with a person made for this run, never a shared one.
const subOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

test.describe.serial('i diritti sui dati personali', () => {
  let data;
  let person;
  let proposal;

  // The platform's services learn the new plan, and tell people, through Kafka: slower on a busy machine.
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async () => {
    data = await freshConsultation();
    person = await freshCitizen();
    proposal = await call(person.username, 'POST', `/api/plans/${data.plan.id}/proposals`, {
      kind: 'IDEA',
      title: 'Orti sociali per persone con disabilità',
      theme: 'disabilita',
      municipality: '072006',
      body: 'Orti urbani accessibili gestiti insieme alle cooperative sociali del territorio.',
    });
  });

  test('scarica i propri dati in un file JSON', async ({ page }) => {
    await page.goto('/partecipazione');
    await login(page, person.username);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Scarica i miei dati (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('coprogram-dati-personali.json');
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(file.format).toBe('coprogram-personal-data/1');
    expect(file.account).toBe(subOf(await tokenOf(person.username)));
    expect(Object.keys(file.parts)).toEqual(
      expect.arrayContaining(['proposal-service', 'survey-service', 'meeting-service', 'notification-service']),
    );
    expect(JSON.stringify(file.parts['proposal-service'])).toContain(proposal.id);
    await expect(page.getByText('File scaricato: coprogram-dati-personali.json.')).toBeVisible();
    await accessible(page, 'my participation after the export');
  });

  test('chiede la cancellazione dai contributi, con conferma, e ne vede lo stato', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/partecipazione');
    await login(page, person.username);
    await page.getByRole('button', { name: 'Cancella il mio account dai contributi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confermi la cancellazione?' });
    await expect(dialog).toBeVisible();
    await accessible(page, 'erasure confirmation');
    await shot(page, '54-conferma-cancellazione');
    await dialog.getByRole('button', { name: 'Annulla' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Cancella il mio account dai contributi' }).click();
    await dialog.locator('label[for="contributi-WITHDRAW"]').click();
    await expect(dialog.getByLabel('Ritira i miei contributi pubblici')).toBeChecked();
    await dialog.getByRole('button', { name: 'Conferma la cancellazione' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('stato-cancellazione')).toContainText(/In corso|Completata/);
    const request = await call(person.username, 'GET', '/api/me/erasure');
    expect(['PENDING', 'COMPLETED']).toContain(request.status);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('stato-cancellazione')).toContainText('Completata', { timeout: 2000 });
    }).toPass({ timeout: 90_000 });
    await accessible(page, 'my participation after the erasure');
  });
});
