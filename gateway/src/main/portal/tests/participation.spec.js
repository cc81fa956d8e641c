import { expect, test } from '@playwright/test';
import { call, freshCitizen, freshConsultation } from './platform.js';
import { accessible, login, shot } from './helpers.js';

// Dialogue and follow-up in the portal (issue #27; docs/notifications.md, docs/dialogue-participation.md): a person
// follows, comments and replies; what other people really do (a comment on what they follow, the region's answer to
// their proposal) reaches their notification centre through the platform's own events; they choose how to be mailed
// and find their participation in one page. No notification is made up: each one comes from an action through the API.

/** Every unread notification of `user` marked read, so that each run starts from an empty badge. */
async function readEverything(user) {
  for (;;) {
    const page = await call(user, 'GET', '/api/me/notifications?page=0&size=100');
    const unread = page.items.filter((n) => !n.read);
    if (unread.length === 0) return;
    for (const n of unread) await call(user, 'POST', `/api/me/notifications/${n.id}/read`);
  }
}

/** The header's unread badge, reloading the page until the notification-service has made the notifications. */
async function expectUnread(page, count) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
    const badge = page.getByTestId('notifiche-non-lette');
    if (count === 0) await expect(badge).toHaveCount(0, { timeout: 2000 });
    else await expect(badge).toHaveText(`${count} da leggere`, { timeout: 2000 });
  }).toPass({ timeout: 120_000 });
}

test.describe.serial('la partecipazione di una persona', () => {
  let data;
  let mine;
  // A person of this run's own: other specs act as the shared people meanwhile, and would move their unread count.
  let person;

  // The platform's services learn the new plan, and tell people, through Kafka: slower on a busy machine.
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async () => {
    data = await freshConsultation();
    person = await freshCitizen();
    mine = await call(person.username, 'POST', `/api/plans/${data.plan.id}/proposals`, {
      kind: 'IDEA',
      title: 'Sportello di ascolto per i caregiver familiari',
      theme: 'anziani',
      municipality: '072006',
      body: 'Uno sportello in ogni Ambito per chi assiste un familiare non autosufficiente, aperto anche il sabato.',
    });
    await readEverything(person.username);
    await call(person.username, 'PUT', '/api/me/notification-preferences', { email: 'IMMEDIATE' });
  });

  test('segue una proposta, commenta e risponde; il commento di un altro arriva nel centro notifiche', async ({
    page,
  }) => {
    await page.goto(`/proposte/${data.supported.id}`);
    await login(page, person.username);
    await expect(page.getByTestId('notifiche-non-lette')).toHaveCount(0);

    await page.getByRole('button', { name: /^Segui\s*: questa\ proposta$/ }).click();
    await expect(page.getByRole('button', { name: /^Non\ seguire\ più\s*: questa\ proposta$/ })).toBeVisible();
    await expect(page.getByTestId('segui-proposal')).toContainText('Ora segui questa proposta');
    await page.reload();
    await expect(page.getByRole('button', { name: /^Non\ seguire\ più\s*: questa\ proposta$/ })).toBeVisible();
    const follows = await call(person.username, 'GET', '/api/me/follows');
    expect(follows.some((f) => f.targetType === 'PROPOSAL' && f.targetId === data.supported.id)).toBe(true);

    await page.getByLabel('Il tuo commento').fill('Servirebbe anche un servizio di trasporto la sera.');
    await page.getByRole('button', { name: 'Pubblica il commento' }).click();
    await expect(page.getByTestId('testo-commento')).toHaveText('Servirebbe anche un servizio di trasporto la sera.');
    await page.getByRole('button', { name: 'Rispondi' }).click();
    await page.getByLabel('La tua risposta').fill('Aggiungo: con accompagnatore per chi non cammina.');
    await page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    await expect(page.getByTestId('risposta')).toContainText('con accompagnatore');
    await accessible(page, 'proposal with follow and comments');

    // Another person replies in the thread: the follower is told; the person's own comments told them nothing.
    const thread = (await call(null, 'GET', `/api/proposals/${data.supported.id}/comments`)).items[0];
    await call('ets', 'POST', `/api/proposals/${data.supported.id}/comments`, {
      body: 'Il trasporto serale è già previsto nel progetto pilota di Bari.',
      parentId: thread.id,
    });
    await expectUnread(page, 1);

    await page.getByRole('link', { name: /^Notifiche/ }).click();
    await expect(page.getByRole('heading', { name: 'Le mie notifiche' })).toBeVisible();
    const item = page.getByTestId('notifica').first();
    await expect(item).toContainText('Nuovo commento');
    await expect(item).toHaveAttribute('data-letta', 'no');
    await expect(item.getByRole('link')).toHaveAttribute('href', `/proposte/${data.supported.id}`);
    await expect(page.getByTestId('conteggio-non-lette')).toHaveText('1 notifica da leggere.');
    await accessible(page, 'notification centre');
    await shot(page, '50-notifiche');

    await item.getByRole('button', { name: /^Segna\ come\ letta\s*: Nuovo\ commento$/ }).click();
    await expect(item).toHaveAttribute('data-letta', 'si');
    await expect(page.getByTestId('conteggio-non-lette')).toHaveText('Nessuna notifica da leggere.');
    await expect(page.getByTestId('notifiche-non-lette')).toHaveCount(0);
  });

  test('segue e commenta un incontro; la risposta della Regione e un altro commento si segnano tutti come letti', async ({
    page,
  }) => {
    await page.goto(`/piani/${data.plan.id}/incontri`);
    await login(page, person.username);
    const meeting = page.locator(`#incontro-${data.open.id}`);
    await meeting.getByRole('button', { name: /^Segui\s*: Incontro\ territoriale\ di\ Bari$/ }).click();
    await expect(
      meeting.getByRole('button', { name: /^Non\ seguire\ più\s*: Incontro\ territoriale\ di\ Bari$/ }),
    ).toBeVisible();
    await meeting.getByRole('button', { name: /^Mostra\ i\ commenti\s*: Incontro\ territoriale\ di\ Bari$/ }).click();
    await expect(meeting.getByRole('heading', { name: 'Commenti', level: 3 })).toBeVisible();
    // proposal-service learns the meeting from its event: until then its comments are 404.
    await expect(async () => {
      await call(null, 'GET', `/api/meetings/${data.open.id}/comments`);
    }).toPass({ timeout: 120_000 });
    await meeting.getByRole('button', { name: /^Nascondi i commenti/ }).click();
    await meeting.getByRole('button', { name: /^Mostra i commenti/ }).click();
    await meeting.getByLabel('Il tuo commento').fill('Ci sarà un servizio di interpretariato LIS?');
    await meeting.getByRole('button', { name: 'Pubblica il commento' }).click();
    await expect(meeting.getByTestId('testo-commento')).toHaveText('Ci sarà un servizio di interpretariato LIS?');
    await accessible(page, 'meeting with follow and comments');
    await shot(page, '51-incontro-commenti');

    await call('ets', 'POST', `/api/meetings/${data.open.id}/comments`, {
      body: 'Sì, l’interpretariato LIS è previsto: basta segnalarlo all’iscrizione.',
    });
    await call('regione', 'POST', `/api/proposals/${mine.id}/answer`, {
      status: 'ACCEPTED',
      text: 'La proposta entra nel piano: uno sportello per Ambito dal prossimo anno.',
    });
    await expectUnread(page, 2);
    await page.goto('/notifiche');
    await expect(page.getByTestId('conteggio-non-lette')).toHaveText('2 notifiche da leggere.');
    // Earlier runs left read notifications of the same kinds: this run's are the unread ones.
    const unread = page.locator('[data-testid="notifica"][data-letta="no"]');
    await expect(unread.filter({ hasText: 'La tua proposta ha ricevuto una risposta' })).toHaveCount(1);
    await expect(
      unread.filter({ hasText: 'La tua proposta ha ricevuto una risposta' }).getByRole('link'),
    ).toHaveAttribute('href', `/proposte/${mine.id}`);
    await expect(unread.filter({ hasText: 'un incontro che segui' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Segna tutte come lette' }).click();
    await expect(page.getByTestId('conteggio-non-lette')).toHaveText('Nessuna notifica da leggere.');
    await expect(page.getByTestId('notifiche-non-lette')).toHaveCount(0);
    const after = await call(person.username, 'GET', '/api/me/notifications?page=0&size=5');
    expect(after.unreadCount).toBe(0);
    await accessible(page, 'notification centre, all read');
  });

  test('sceglie il riepilogo giornaliero e poi nessuna e-mail', async ({ page }) => {
    await page.goto('/notifiche/preferenze');
    await login(page, person.username);
    await expect(page.getByLabel('Subito')).toBeChecked();
    // Bootstrap Italia draws radios on their labels: people (and this test) click the label.
    await page.locator('label[for="pref-DAILY_DIGEST"]').click();
    await expect(page.getByLabel('Un riepilogo al giorno')).toBeChecked();
    await page.getByRole('button', { name: 'Salva la preferenza' }).click();
    await expect(page.getByText('Preferenza salvata.')).toBeVisible();
    expect((await call(person.username, 'GET', '/api/me/notification-preferences')).email).toBe('DAILY_DIGEST');
    await page.reload();
    await expect(page.getByLabel('Un riepilogo al giorno')).toBeChecked();
    await accessible(page, 'notification preferences');
    await shot(page, '52-preferenze');
    await page.locator('label[for="pref-NONE"]').click();
    await expect(page.getByLabel('Nessuna e-mail')).toBeChecked();
    await page.getByRole('button', { name: 'Salva la preferenza' }).click();
    await expect(page.getByText('Preferenza salvata.')).toBeVisible();
    expect((await call(person.username, 'GET', '/api/me/notification-preferences')).email).toBe('NONE');
    await call(person.username, 'PUT', '/api/me/notification-preferences', { email: 'IMMEDIATE' });
  });

  test('«La mia partecipazione» mostra proposte con il loro esito, adesioni, commenti e iscrizioni con il codice', async ({
    page,
  }) => {
    await call(person.username, 'POST', `/api/proposals/${data.supported.id}/supports`);
    const registration = await call(person.username, 'POST', `/api/meetings/${data.open.id}/registrations`);
    await page.goto('/');
    await login(page, person.username);
    await page.getByRole('link', { name: 'La mia partecipazione' }).click();
    await expect(page.getByRole('heading', { name: 'La mia partecipazione', level: 1 })).toBeVisible();

    const proposal = page.getByTestId('mia-proposta').filter({ hasText: mine.title }).first();
    await expect(proposal.getByTestId('stato-proposta')).toHaveText('Accolta');
    await expect(proposal.getByRole('link', { name: mine.title })).toHaveAttribute('href', `/proposte/${mine.id}`);
    await expect(page.getByTestId('mio-sostegno').filter({ hasText: data.supported.title }).first()).toBeVisible();
    // The comment and the reply written in the first test, with their place and state.
    const comment = page.getByTestId('mio-commento').filter({ hasText: 'un servizio di trasporto la sera' });
    await expect(comment).toContainText('Commento su una proposta');
    await expect(comment).toContainText('(pubblicato)');
    await expect(comment.getByRole('link', { name: 'una proposta' })).toHaveAttribute(
      'href',
      `/proposte/${data.supported.id}`,
    );
    await expect(page.getByTestId('mio-commento').filter({ hasText: 'con accompagnatore' })).toContainText(
      'Risposta su',
    );
    const row = page.getByTestId('mia-iscrizione').filter({ hasText: 'Incontro territoriale di Bari' }).first();
    await expect(row).toContainText(registration.code);
    await expect(row).toContainText('Confermata');
    await expect(page.getByRole('button', { name: 'Scarica i miei dati (JSON)' })).toBeVisible();
    await accessible(page, 'my participation');
    await shot(page, '53-la-mia-partecipazione');
  });
  test('un moderatore della Regione nasconde un commento e lo ripristina dalla pagina della proposta', async ({
    page,
  }) => {
    await page.goto(`/proposte/${data.supported.id}`);
    await login(page, 'moderatore');
    const thread = page
      .getByTestId('commento')
      .filter({ hasText: 'Servirebbe anche un servizio di trasporto la sera.' });
    await thread.getByText('Nascondi il commento (moderazione)').first().click();
    await thread.getByLabel('Motivo, per il registro della moderazione').first().fill('Prova della moderazione');
    await thread.getByRole('button', { name: 'Nascondi', exact: true }).first().click();
    await expect(page.getByText('Servirebbe anche un servizio di trasporto la sera.')).toHaveCount(0);
    const removed = page.getByTestId('commento').filter({ has: page.getByTestId('commento-rimosso') });
    await expect(removed.getByTestId('commento-rimosso')).toHaveText('commento rimosso dalla moderazione');
    await accessible(page, 'a comment hidden by the moderator');
    // The thread's moderation form stays open after the hiding; a reload shows it closed, as a later visit would.
    await page.reload();
    await removed.getByText('Ripristina il commento (moderazione)').click();
    await removed.getByLabel('Motivo, per il registro della moderazione').first().fill('Segnalazione infondata');
    await removed.getByRole('button', { name: 'Ripristina', exact: true }).click();
    await expect(page.getByTestId('testo-commento').first()).toHaveText(
      'Servirebbe anche un servizio di trasporto la sera.',
    );
  });
});
