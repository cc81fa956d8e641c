import { expect, test } from '@playwright/test';
import { call, freshConsultation } from './platform.js';
import { accessible, login, shot } from './helpers.js';

// Comments on a proposal's page (docs/dialogue.md): the public reads them, a signed-in person comments and replies,
// and a comment the region's moderator hid is not there.
test.describe.serial('i commenti', () => {
  let data;

  test.beforeAll(async () => {
    data = await freshConsultation();
  });

  test('una persona commenta una proposta e risponde a un commento; i commenti nascosti non si vedono', async ({
    page,
  }) => {
    const hidden = await call('ets', 'POST', `/api/proposals/${data.supported.id}/comments`, {
      body: 'Un commento che la moderazione nasconde',
    });
    await call('moderatore', 'POST', `/api/comments/${hidden.id}/moderation`, {
      action: 'HIDE',
      reason: 'Prova del portale',
    });

    await page.goto(`/proposte/${data.supported.id}`);
    await expect(page.getByRole('heading', { name: 'Commenti (0)' })).toBeVisible();
    await expect(page.getByText('Nessun commento per ora.')).toBeVisible();
    await expect(page.getByText('Un commento che la moderazione nasconde')).toHaveCount(0);

    await login(page, 'cittadino');
    await page.getByLabel('Il tuo commento').fill('Servirebbe anche il sabato mattina.');
    await page.getByRole('button', { name: 'Pubblica il commento' }).click();
    await expect(page.getByTestId('testo-commento')).toHaveText('Servirebbe anche il sabato mattina.');
    await expect(page.getByRole('heading', { name: 'Commenti (1)' })).toBeVisible();

    await page.getByRole('button', { name: 'Rispondi' }).click();
    await page.getByLabel('La tua risposta').fill('Sono d’accordo: molte famiglie lavorano in settimana.');
    await page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    await expect(page.getByTestId('risposta')).toContainText('Sono d’accordo');
    await expect(page.getByRole('heading', { name: 'Commenti (2)' })).toBeVisible();
    await accessible(page, 'proposal comments');
    await shot(page, '40-commenti');

    await page.getByRole('button', { name: 'Elimina il commento' }).first().click();
    await expect(page.getByTestId('commento-rimosso')).toHaveText('commento eliminato');
    await expect(page.getByTestId('risposta')).toHaveCount(1);
    await accessible(page, 'proposal comments after a deletion');
  });
});
