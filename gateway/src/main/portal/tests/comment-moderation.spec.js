import { expect, test } from '@playwright/test';
import { call, freshConsultation } from './platform.js';
import { accessible, login, shot } from './helpers.js';

// The moderators' queue of a plan's comments (docs/dialogue.md, "Flags and moderation"), and a published social
// report's public page with its comments.
test.describe('la moderazione dei commenti e le relazioni sociali pubblicate', () => {
  test('il moderatore trova i commenti segnalati, li nasconde e li ripristina con un motivo', async ({ page }) => {
    const data = await freshConsultation();
    const text = `Un commento da segnalare ${Date.now()}`;
    const comment = await call('cittadino', 'POST', `/api/proposals/${data.supported.id}/comments`, { body: text });
    await call('ets', 'POST', `/api/comments/${comment.id}/flags`, { reason: 'OFFENSIVE' });
    await call('regione', 'POST', `/api/comments/${comment.id}/flags`, { reason: 'OFFENSIVE' });

    // A citizen is told the page is the moderators', and sees no comment of the queue.
    await page.goto(`/piani/${data.plan.id}/moderazione`);
    await login(page, 'cittadino');
    await expect(page.getByText('Questa pagina è riservata ai moderatori.')).toBeVisible();
    await expect(page.getByText(text)).toHaveCount(0);
    await page.getByRole('button', { name: 'Esci' }).click();

    await page.goto(`/piani/${data.plan.id}/moderazione`);
    await login(page, 'moderatore');
    await expect(page.getByRole('heading', { name: 'Commenti' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Commenti segnalati da esaminare: 1.' })).toBeVisible();
    const item = page.getByTestId('commento-in-coda');
    await expect(item.getByTestId('testo-in-coda')).toHaveText(text);
    await expect(item).toContainText('segnalazioni da esaminare 2 su 2');
    await expect(item).toContainText('Contenuto offensivo (2)');
    await accessible(page, 'comment moderation queue');
    await shot(page, '45-moderazione-commenti');

    // The reason is required: the service's message is shown next to the field.
    await item.getByRole('button', { name: 'Nascondi il commento' }).click();
    await expect(item.getByText('il motivo è obbligatorio').first()).toBeVisible();
    await item.getByLabel('Motivo della decisione, per il registro della moderazione').fill('Linguaggio offensivo');
    await item.getByRole('button', { name: 'Nascondi il commento' }).click();
    await expect(page.getByText('Il commento è stato nascosto.')).toBeVisible();
    await expect(page.getByText('Commenti segnalati da esaminare: 0.')).toBeVisible();

    // Bootstrap Italia draws the radio under its label: a person clicks the label.
    await page.locator('label[for="stato-HIDDEN"]').click();
    await expect(page.getByLabel('Nascosti, da ripristinare se opportuno')).toBeChecked();
    await expect(page.getByText('Commenti nascosti: 1.')).toBeVisible();
    await expect(item.getByTestId('testo-in-coda')).toHaveText(text);
    await accessible(page, 'hidden comments');
    await item.getByLabel('Motivo della decisione, per il registro della moderazione').fill('Rivalutato: è critica');
    await item.getByRole('button', { name: 'Ripristina il commento' }).click();
    await expect(page.getByText('Commenti nascosti: 0.')).toBeVisible();
    const thread = await call(null, 'GET', `/api/proposals/${data.supported.id}/comments`);
    expect(thread.items.map((c) => c.id)).toContain(comment.id);
  });

  test('una relazione sociale pubblicata ha la sua pagina pubblica con i commenti', async ({ page }) => {
    const plan = await call('regione', 'POST', '/api/plans', {
      region: 'puglia',
      title: `Piano delle relazioni sociali ${Date.now()}`,
      periodStart: '2026-01-01',
      periodEnd: '2028-12-31',
      themes: [{ code: 'anziani', label: 'Anziani e non autosufficienza' }],
      leps: [],
    });
    await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'SOCIAL_REPORT' });
    const path = `/api/plans/${plan.id}/social-reports/BA-BARI`;
    const finding = 'Il trasporto sociale ha raggiunto tutti i comuni dell’ambito.';
    await call('ambito', 'PUT', path, {
      resultsAchieved: [{ theme: 'anziani', text: finding }],
      effectivePractices: [],
      criticalIssues: [{ theme: 'anziani', text: 'Mancano operatori nei mesi estivi.' }],
      unmetNeeds: [],
      attachments: [],
    });
    await call('ambito', 'POST', `${path}/submit`);

    // Before publication the public page says only that it is not published.
    await page.goto(`/piani/${plan.id}/relazioni-sociali/BA-BARI`);
    await expect(page.getByText('Questa relazione sociale non è pubblicata.')).toBeVisible();
    await expect(page.getByText(finding)).toHaveCount(0);

    await call('regione', 'POST', `/api/plans/${plan.id}/social-reports/publish`);
    const report = await call(null, 'GET', path);
    // proposal-service learns the published report from its event before it takes comments.
    await expect
      .poll(async () => (await fetch(new URL(`/api/social-reports/${report.id}/comments`, page.url()))).status, {
        timeout: 60_000,
      })
      .toBe(200);

    await page.goto(`/piani/${plan.id}/relazioni-sociali/BA-BARI`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Relazione sociale');
    await expect(page.getByText(finding)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Commenti' })).toBeVisible();
    await login(page, 'cittadino');
    await page.getByLabel('Il tuo commento').fill('Servirebbe anche nei giorni festivi.');
    await page.getByRole('button', { name: 'Pubblica il commento' }).click();
    await expect(page.getByTestId('testo-commento')).toHaveText('Servirebbe anche nei giorni festivi.');
    await accessible(page, 'published social report');
    await shot(page, '46-relazione-sociale-pubblicata');
  });
});
