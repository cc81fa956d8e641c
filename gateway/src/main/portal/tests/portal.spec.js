import { expect, test } from '@playwright/test';
import { call, freshConsultation, synthesisTotals } from './platform.js';
import { accessible, login, shot } from './helpers.js';

// Bootstrap Italia draws radios and checkboxes on their labels, so people (and these tests) click the label.
test.describe.serial('il portale pubblico', () => {
  let data;
  let proposalUrl;

  test.beforeAll(async () => {
    data = await freshConsultation();
  });

  test('chi visita vede i piani, le fasi e le proposte senza accedere', async ({ page }) => {
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Piani regionali delle politiche sociali' }),
    ).toBeVisible();
    await accessible(page, 'home');
    await shot(page, '01-home');

    await page.goto(`/piani/${data.plan.id}`);
    await expect(page.getByRole('heading', { level: 1, name: data.plan.title })).toBeVisible();
    await expect(page.getByTestId('fase')).toHaveText('Consultazione pubblica');
    await expect(page.locator('.phase-timeline li[aria-current="step"]')).toContainText('Consultazione pubblica');
    await accessible(page, 'plan');
    await shot(page, '02-piano');

    await page.getByRole('link', { name: 'Proposte', exact: true }).click();
    await expect(page.getByRole('heading', { name: '1 proposta trovata' })).toBeVisible();
    await expect(page, 'a page of its own, with a real address').toHaveURL(`/piani/${data.plan.id}/proposte`);
    await page.getByLabel('Cerca nel titolo e nel testo').fill('l’anziano');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await expect(page.getByTestId('proposta')).toHaveCount(1);
    await page.getByLabel('Cerca nel titolo e nel testo').fill('biblioteca');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await expect(page.getByRole('heading', { name: '0 proposte trovate' })).toBeVisible();
    await page.getByRole('button', { name: 'Azzera i filtri' }).click();
    await page.getByLabel('Area di intervento').selectOption('anziani');
    await expect(page.getByLabel('Area di intervento').locator('option:checked')).toHaveText(
      'Anziani e non autosufficienza (1)',
    );
    await expect(page.getByTestId('proposta')).toHaveCount(1);
    await accessible(page, 'proposals');
    await shot(page, '03-proposte');

    await page.getByRole('link', { name: data.supported.title }).click();
    await expect(page.getByRole('heading', { level: 1, name: data.supported.title })).toBeVisible();
    await expect(page).toHaveURL(`/proposte/${data.supported.id}`);
    await page.goBack();
    await expect(page).toHaveURL(`/piani/${data.plan.id}/proposte`);
    await expect(page.getByTestId('proposta')).toHaveCount(1);
  });

  test('un indirizzo della pagina si può condividere, e i vecchi link con #/ portano alla stessa pagina', async ({
    page,
  }) => {
    await page.goto(`/piani/${data.plan.id}/sintesi`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Sintesi');
    await page.goto(`/#/proposte/${data.supported.id}`);
    await expect(page.getByRole('heading', { level: 1, name: data.supported.title })).toBeVisible();
    await expect(page).toHaveURL(`/proposte/${data.supported.id}`);
  });

  test('cittadino invia una proposta, vedendo quelle simili, e sostiene quella di un altro', async ({ page }) => {
    await page.goto(`/piani/${data.plan.id}/proposte/nuova`);
    await login(page, 'cittadino');
    await expect(page.getByRole('heading', { level: 1, name: 'Invia una proposta' })).toBeVisible();

    await page.getByRole('button', { name: 'Invia la proposta' }).click();
    await expect(page.getByText('Il titolo deve avere tra 10 e 150 caratteri.')).toBeVisible();
    await expect(page.getByLabel('Titolo')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Scegli il comune a cui si riferisce la proposta.')).toBeVisible();

    await page.getByText('Idea', { exact: true }).click();
    await page.getByLabel('Titolo').fill('Più centri diurni per gli anziani soli');
    await page
      .getByLabel('Descrivi la proposta')
      .fill('Aprire centri diurni per anziani soli in ogni quartiere, con trasporto e pasti.');
    await expect(page.getByTestId('simili').getByRole('link', { name: data.supported.title })).toBeVisible();
    await page.getByLabel('Area di intervento').selectOption('anziani');
    await page.getByLabel('Comune').selectOption('072006');
    await accessible(page, 'new proposal');
    await shot(page, '04-nuova-proposta');
    await page.getByRole('button', { name: 'Invia la proposta' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Più centri diurni per gli anziani soli' })).toBeVisible();
    await expect(page.getByTestId('stato')).toHaveText('In valutazione');
    proposalUrl = page.url();

    await page.goto(`/proposte/${data.supported.id}`);
    await expect(page.getByTestId('adesioni')).toHaveText('0');
    await page.getByRole('button', { name: 'Sostieni questa proposta' }).click();
    await expect(page.getByText('Hai aderito a questa proposta.')).toBeVisible();
    await expect(page.getByTestId('adesioni')).toHaveText('1');
    // Coming back, the page knows the reader already supports it (supportedByMe).
    await page.reload();
    await expect(page.getByText('Hai aderito a questa proposta.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ritira l’adesione' })).toBeVisible();
    await accessible(page, 'proposal');
    await shot(page, '05-proposta');
  });

  test('cittadino risponde al questionario con ogni tipo di domanda; errori dal browser e dal servizio', async ({
    page,
  }) => {
    await page.goto(`/questionari/${data.survey.id}`);
    await login(page, 'cittadino');
    const question = (id) => page.locator(`[data-question="${id}"]`);

    await page.getByRole('button', { name: 'Invia le risposte' }).click();
    await expect(question('ruolo').getByTestId('errore-domanda')).toHaveText('Questa domanda è obbligatoria.');
    await expect(question('eta').getByTestId('errore-domanda')).toHaveText('Questa domanda è obbligatoria.');
    await expect(question('voto')).toHaveCount(0);

    await question('ruolo').getByText('Persona', { exact: true }).click();
    await question('servizi').getByText('Segretariato sociale', { exact: true }).click();
    await question('servizi').getByText('Assistenza domiciliare', { exact: true }).click();
    await question('servizi').getByText('Centro diurno', { exact: true }).click();
    await expect(question('voto')).toBeVisible();
    await question('voto').getByText('4', { exact: true }).click();
    await question('priorita').getByRole('button', { name: 'Sposta su: Disabilità' }).click();
    await question('priorita').getByRole('button', { name: 'Sposta su: Disabilità' }).click();
    await expect(question('priorita').locator('li').first()).toContainText('Disabilità');
    await question('parola').getByRole('textbox').fill('vicinanza');
    await question('idea').getByRole('textbox').fill('Sportelli sociali aperti anche il sabato.');
    await question('eta').getByRole('spinbutton').fill('130');
    await question('comune').getByRole('combobox').selectOption('072006');
    await page.getByRole('button', { name: 'Invia le risposte' }).click();
    await expect(question('servizi').getByTestId('errore-domanda')).toHaveText('Puoi scegliere al massimo 2 risposte.');
    await expect(question('eta').getByTestId('errore-domanda')).toHaveText('Il valore massimo è 110.');

    await question('servizi').getByText('Centro diurno', { exact: true }).click();
    await question('eta').getByRole('spinbutton').fill('47');
    await accessible(page, 'survey');
    await shot(page, '06-questionario');
    await page.getByRole('button', { name: 'Invia le risposte' }).click();
    await expect(page.getByTestId('risposta-inviata')).toBeVisible();

    // A second answer from the same person, with a new Idempotency-Key: the survey service refuses it and the
    // portal shows its problem+json.
    await page.reload();
    await question('ruolo').getByText('Ente', { exact: true }).click();
    await question('priorita').getByRole('button', { name: 'Confermo questo ordine' }).click();
    await question('eta').getByRole('spinbutton').fill('50');
    await question('comune').getByRole('combobox').selectOption('072006');
    await page.getByRole('button', { name: 'Invia le risposte' }).click();
    await expect(page.getByRole('alert')).toContainText('Hai già risposto a questo questionario');
  });

  test('cittadino si iscrive a un incontro e, dove è pieno, in lista d’attesa', async ({ page }) => {
    await page.goto(`/piani/${data.plan.id}/incontri`);
    await login(page, 'cittadino');
    const open = page.getByTestId('incontro').filter({ hasText: data.open.title });
    const full = page.getByTestId('incontro').filter({ hasText: data.full.title });
    await open.getByRole('button', { name: 'Iscriviti' }).click();
    await expect(open.getByTestId('iscrizione')).toContainText('Iscrizione confermata');
    await full.getByRole('button', { name: 'Iscriviti in lista d’attesa' }).click();
    await expect(full.getByTestId('iscrizione')).toContainText('posizione 1');
    await accessible(page, 'meetings');
    await shot(page, '07-incontri');

    const ics = await page.request.get(
      await open.getByRole('link', { name: /Aggiungi al calendario/ }).getAttribute('href'),
    );
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('SUMMARY:Incontro territoriale di Bari');
  });

  test('la Regione risponde alla proposta e vede la sintesi aggiornata', async ({ page }) => {
    await page.goto(proposalUrl);
    await login(page, 'regione');
    await page.getByLabel('Esito').selectOption('PARTIALLY_ACCEPTED');
    await page
      .getByLabel('Motivazione pubblica')
      .fill('La proposta entra nel piano per i quartieri con più anziani soli.');
    await page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    await expect(page.getByTestId('risposta')).toContainText('Risposta della Regione: Accolta in parte');
    await expect(page.getByTestId('stato')).toHaveText('Accolta in parte');
    await accessible(page, 'answered proposal');
    await shot(page, '08-risposta');

    // The questionnaire is anonymous: its one response is published only in a batch of five, or, as here, once the
    // survey is closed, at the next mixing round (survey.mix.interval: 30 s, 2 s on the test platform; docs/privacy.md).
    await call('regione', 'POST', `/api/surveys/${data.survey.id}/close`);
    await page.goto(`/piani/${data.plan.id}/sintesi`);
    const total = (key) => page.getByTestId('totali').locator(`[data-total="${key}"]`);
    // The synthesis follows the events within a second or so; the page shows what the service has projected.
    await expect(async () => {
      await page.reload();
      await expect(total('proposals')).toHaveText('2', { timeout: 2000 });
      await expect(total('supports')).toHaveText('1', { timeout: 2000 });
      await expect(total('surveyResponses')).toHaveText('1', { timeout: 2000 });
      await expect(total('meetings')).toHaveText('2', { timeout: 2000 });
    }).toPass({ timeout: 75_000 });
    await expect(page.getByRole('region', { name: 'Le proposte più sostenute' })).toContainText('Accolta in parte');
    await expect(page.locator('#grafico-aree')).toHaveAttribute('aria-label', /Anziani e non autosufficienza 2,/);
    expect((await synthesisTotals(data.plan.id)).proposals).toBe(2);
    await accessible(page, 'synthesis');
    await shot(page, '09-sintesi');

    await page.getByRole('link', { name: 'Relazioni sociali' }).click();
    await expect(page.getByRole('table', { name: 'Stato della relazione sociale per Ambito' })).toBeVisible();
    await accessible(page, 'social reports');
    await shot(page, '10-relazioni-sociali');
  });

  test('il moderatore trova nella coda la proposta segnalata', async ({ page }) => {
    await call('cittadino', 'POST', `/api/proposals/${data.supported.id}/flags`, {
      reason: 'OFF_TOPIC',
      details: null,
    });
    await page.goto(`/piani/${data.plan.id}/moderazione`);
    await login(page, 'moderatore');
    const queue = page.getByRole('table', { name: 'Proposte segnalate o nascoste, da esaminare' });
    await expect(queue.getByRole('row', { name: new RegExp(data.supported.title) })).toContainText('Fuori tema (1)');
    await accessible(page, 'moderation queue');
    await shot(page, '11-moderazione');
  });
});
