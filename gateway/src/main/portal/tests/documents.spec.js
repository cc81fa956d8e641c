import { expect, test } from '@playwright/test';
import { call, freshConsultation } from './platform.js';
import { accessible } from './helpers.js';

// The HTML versions of the public documents (issue #25, "Accessible documents"): the synthesis report and the adopted
// plan, as a reader opens them from their links, checked with axe like every portal page.
test('il rapporto di sintesi e il piano adottato in HTML sono accessibili', async ({ page }) => {
  // A consultation with a proposal, a questionnaire and meetings, so the documents have figures, tables and charts.
  const { plan } = await freshConsultation();
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
  // A printable document has no forms, links or images: fewer axe rules apply to it than to a portal page.
  await accessible(page, 'synthesis report (HTML)', { minPasses: 5 });

  const adopted = await page.goto(`/api/plans/${plan.id}/document`);
  expect(adopted.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', /^it/);
  await expect(page.getByText('DGR 77/2026').first()).toBeVisible();
  await accessible(page, 'adopted plan (HTML)', { minPasses: 5 });
});
