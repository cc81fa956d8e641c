import { expect, test } from '@playwright/test';
import { call, THEMES } from './platform.js';
import { accessible } from './helpers.js';

// The HTML versions of the public documents (issue #25, "Accessible documents"): the synthesis report and the adopted
// plan, as a reader opens them from their links, checked with axe like every portal page.
test('il rapporto di sintesi e il piano adottato in HTML sono accessibili', async ({ page }) => {
  const plan = await call('regione', 'POST', '/api/plans', {
    region: 'puglia',
    title: `Piano di prova dei documenti ${Date.now()}`,
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    themes: THEMES,
    leps: [],
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'SYNTHESIS' });
  await call('regione', 'POST', `/api/plans/${plan.id}/adoption`, {
    resolutionNumber: 'DGR 77/2026',
    resolutionDate: '2026-03-10',
    documentUrl: 'https://example.org/dgr-77.pdf',
  });

  const report = await page.goto(`/api/plans/${plan.id}/synthesis/report`);
  expect(report.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', /^it/);
  await expect(page.locator('h1').first()).toBeVisible();
  await accessible(page, 'synthesis report (HTML)');

  const adopted = await page.goto(`/api/plans/${plan.id}/document`);
  expect(adopted.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', /^it/);
  await expect(page.getByText('DGR 77/2026').first()).toBeVisible();
  await accessible(page, 'adopted plan (HTML)');
});
