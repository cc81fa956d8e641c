import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { call, THEMES } from './platform.js';

// SPID and CIE through Keycloak's brokering, against the local test identity provider (realm spid-test-idp, whose
// citizens log in with password = user name): docs/identity.md.
const CITIZEN = { login: 'lucia', name: 'Lucia Ferrante', fiscalCode: 'FRRLCU85C52A662J' };

const SCREENSHOTS = process.env.COPROGRAM_TEST_OUTPUT
  ? `${process.env.COPROGRAM_TEST_OUTPUT}/portal-screenshots/`
  : new URL('../../../../target/portal-screenshots/', import.meta.url).pathname;

/** The access token the portal holds (oidc-client-ts keeps its user in sessionStorage), decoded. */
async function portalToken(page) {
  const token = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    return key ? JSON.parse(sessionStorage.getItem(key)).access_token : null;
  });
  expect(token, 'the portal holds an access token').toBeTruthy();
  return { raw: token, claims: JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) };
}

/** What the identity provider asserted, read from the SAML response the browser posts to Keycloak's broker. */
function assertion(request) {
  const xml = Buffer.from(new URLSearchParams(request.postData()).get('SAMLResponse'), 'base64').toString();
  const attributes = {};
  for (const m of xml.matchAll(/<saml:Attribute [^>]*Name="([^"]+)"[^>]*>\s*<saml:AttributeValue[^>]*>([^<]*)</g)) {
    attributes[m[1]] = m[2];
  }
  return { attributes, level: xml.match(/<saml:AuthnContextClassRef>([^<]+)</)?.[1] };
}

/**
 * From the portal's "Accedi" to the portal again through `provider` ("SPID" or "CIE"). With a live session at the
 * identity provider, ForceAuthn (which SPID requires from level 2) makes it ask the password again for the same person.
 */
async function brokeredLogin(page, provider, { again = false } = {}) {
  await page.getByRole('button', { name: 'Accedi' }).first().click();
  await page.getByRole('link', { name: `Entra con ${provider}` }).click();
  if (again) {
    await expect(page.locator('#kc-attempted-username')).toHaveValue(CITIZEN.login);
  } else {
    await page.locator('#username').fill(CITIZEN.login);
  }
  await page.locator('#password').fill(CITIZEN.login);
  const response = page.waitForRequest((r) => r.method() === 'POST' && /\/broker\/[a-z]+\/endpoint$/.test(r.url()));
  await page.locator('#kc-login').click();
  const saml = assertion(await response);
  await expect(page.getByTestId('utente')).toHaveText(CITIZEN.name);
  return saml;
}

test.describe.serial('accesso con SPID e CIE', () => {
  let plan;

  test.beforeAll(async () => {
    plan = await call('regione', 'POST', '/api/plans', {
      region: 'puglia',
      title: `Piano di prova SPID ${Date.now()}`,
      periodStart: '2026-01-01',
      periodEnd: '2028-12-31',
      themes: THEMES,
      leps: [],
    });
    await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'CONSULTATION' });
    await expect(async () => {
      await call(null, 'GET', `/api/plans/${plan.id}/proposals`);
    }, 'proposal-service learning the plan').toPass({ timeout: 60_000 });
  });

  test('la pagina di accesso di Keycloak è in italiano, con il marchio della Regione, e accessibile', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Accedi' }).first().click();
    await expect(page).toHaveURL(/\/protocol\/openid-connect\/auth/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
    await expect(page.locator('#kc-header')).toContainText('Regione Puglia');
    await expect(page.getByLabel('Nome utente')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Torna al portale della partecipazione' })).toBeVisible();

    const spid = page.getByRole('link', { name: 'Entra con SPID' });
    await expect(spid).toBeVisible();
    await expect(page.getByRole('link', { name: 'Entra con CIE' })).toBeVisible();
    await spid.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(spid).toBeFocused();
    expect(await spid.evaluate((e) => getComputedStyle(e).outlineStyle), 'a visible keyboard focus').toBe('solid');

    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const blocking = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    expect(blocking, 'accessibility of the Keycloak login page').toEqual([]);
    expect(result.passes.length, 'axe ran its rules').toBeGreaterThan(10);
    await page.screenshot({ path: `${SCREENSHOTS}20-accesso-keycloak.png`, fullPage: true });
  });

  test('una cittadina entra con SPID, invia una proposta, e rientrando con SPID o CIE ritrova lo stesso account', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto(`/piani/${plan.id}/proposte/nuova`);
    const saml = await brokeredLogin(page, 'SPID');
    // The test identity provider answers as a SPID one does: SPID attribute names, TINIT- fiscal number, level 2.
    expect(saml.attributes).toMatchObject({
      fiscalNumber: `TINIT-${CITIZEN.fiscalCode}`,
      name: 'Lucia',
      familyName: 'Ferrante',
    });
    expect(saml.attributes.spidCode).toMatch(/^[A-Z0-9]{14}$/);
    expect(saml.level).toBe('https://www.spid.gov.it/SpidL2');

    const first = await portalToken(page);
    expect(first.claims.realm_access.roles).toContain('citizen');
    expect(first.claims).toMatchObject({
      name: CITIZEN.name,
      stakeholder_category: 'CITIZEN',
      identity_provider: 'spid',
      identity_level: 'SpidL2',
    });
    expect(first.claims.region, 'a citizen speaks for no region').toBeUndefined();
    // Services get a level and an account id, never the fiscal code (docs/identity.md, docs/privacy.md).
    expect(JSON.stringify(first.claims).toUpperCase()).not.toContain(CITIZEN.fiscalCode);

    await expect(page.getByRole('heading', { level: 1, name: 'Invia una proposta' })).toBeVisible();
    await page.getByLabel('Titolo').fill('Sportello sociale aperto il sabato');
    await page
      .getByLabel('Descrivi la proposta')
      .fill('Aprire lo sportello di segretariato sociale anche il sabato mattina, per chi lavora.');
    await page.getByLabel('Area di intervento').selectOption('poverta');
    await page.getByLabel('Comune').selectOption('072006');
    await page.getByRole('button', { name: 'Invia la proposta' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sportello sociale aperto il sabato' })).toBeVisible();
    await expect(page.getByTestId('stato')).toHaveText('In valutazione');
    const proposal = await call(null, 'GET', `/api/proposals/${page.url().split('/').pop()}`);
    expect(proposal.category).toBe('CITIZEN');
    await page.screenshot({ path: `${SCREENSHOTS}21-proposta-spid.png`, fullPage: true });

    await page.getByRole('button', { name: 'Esci' }).click();
    await expect(page.getByRole('button', { name: 'Accedi' }).first()).toBeVisible();
    await brokeredLogin(page, 'SPID', { again: true });
    const second = await portalToken(page);
    expect(second.claims.sub, 'the same fiscal number reaches the same account').toBe(first.claims.sub);

    await page.getByRole('button', { name: 'Esci' }).click();
    const cie = await brokeredLogin(page, 'CIE', { again: true });
    expect(cie.level).toBe('https://www.spid.gov.it/SpidL3');
    const third = await portalToken(page);
    expect(third.claims.sub, 'CIE with the same fiscal number reaches the SPID account').toBe(first.claims.sub);
    expect(third.claims).toMatchObject({ identity_provider: 'cie', identity_level: 'SpidL3' });
  });
});
