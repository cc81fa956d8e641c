import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// What every browser spec does the same way: screenshots, the axe check and the login through Keycloak's form.
const SCREENSHOTS = process.env.COPROGRAM_TEST_OUTPUT
  ? `${process.env.COPROGRAM_TEST_OUTPUT}/portal-screenshots/`
  : new URL('../../../../target/portal-screenshots/', import.meta.url).pathname;

export async function shot(page, name) {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** WCAG 2.1 A and AA rules of axe-core on the page as it is now; serious and critical findings fail the test. */
export async function accessible(page, name, { minPasses = 10 } = {}) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(report, `accessibility of ${name}`).toEqual([]);
  expect(result.passes.length, `axe ran its rules on ${name}`).toBeGreaterThan(minPasses);
}

export async function login(page, user) {
  await page.getByRole('button', { name: 'Accedi' }).first().click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(user);
  await page.locator('#kc-login').click();
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
}
