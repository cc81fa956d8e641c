import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { call, freshConsultation, synthesisTotals } from './platform.js';
import { accessible } from './helpers.js';

// "Che fine ha fatto" (docs/plan-document.md, "Traceability"): a proposal linked to a measure of the plan shows on its
// page the measure, the outcome and reason, the version and the resolution that adopted the plan; checked with axe.
test('la pagina della proposta dice che fine ha fatto, fino alla delibera che adotta il piano', async ({ page }) => {
  const { plan, supported } = await freshConsultation();
  await expect
    .poll(async () => (await synthesisTotals(plan.id)).proposals, {
      message: 'the synthesis counting the proposal',
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(1);
  await call('regione', 'PUT', `/api/plans/${plan.id}/document/draft`, {
    revision: 0,
    document: {
      sections: [],
      measures: [
        {
          code: 'ANZ.1',
          title: 'Centri diurni per anziani',
          theme: 'anziani',
          priority: 'HIGH',
          scope: { level: 'REGION', codes: [] },
          resources: [{ source: 'FNA', year: 2026, amount: 50000 }],
        },
      ],
    },
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/document/versions`, {});
  const draft = await call('regione', 'GET', `/api/plans/${plan.id}/document/draft`);
  expect(draft.revision).toBe(1);
  const fateBefore = await call(null, 'GET', `/api/proposals/${supported.id}/fate`);
  expect(fateBefore.measures).toEqual([]);
  await call('regione', 'POST', `/api/measures/${measureId(plan.id, 'ANZ.1')}/links`, {
    contribution: { kind: 'PROPOSAL', id: supported.id },
    outcome: 'INCORPORATED',
    reason: 'I centri diurni sono l’intervento ANZ.1 del piano.',
  });
  await call('regione', 'PUT', `/api/plans/${plan.id}/document/draft`, {
    revision: 1,
    document: {
      ...draft.document,
      measures: [{ ...draft.document.measures[0], title: 'Centri diurni per anziani soli' }],
    },
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/document/versions`, {});
  await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'SYNTHESIS' });
  await call('regione', 'POST', `/api/plans/${plan.id}/adoption`, {
    resolutionNumber: '321/2026',
    resolutionDate: '2026-05-04',
    documentUrl: 'https://example.org/dgr-321.pdf',
  });

  await page.goto(`/proposte/${supported.id}`);
  const fate = page.getByTestId('che-fine-ha-fatto');
  await expect(fate.getByRole('heading', { name: 'Che fine ha fatto' })).toBeVisible();
  await expect(fate).toContainText('ANZ.1 — Centri diurni per anziani soli');
  await expect(fate).toContainText('Accolta nell’intervento');
  await expect(fate).toContainText('Versione 2 del piano');
  await expect(fate).toContainText('Adottato con DGR n. 321/2026');
  await accessible(page, 'proposal with its fate');

  // The measure's public page names the proposal among the contributions behind it, counted.
  await fate.getByRole('link', { name: /ANZ\.1/ }).click();
  await expect(page).toHaveURL(new RegExp(`/interventi/${measureId(plan.id, 'ANZ.1')}$`));
  const behind = page.getByTestId('contributi-intervento');
  await expect(behind).toContainText('1 contributi della consultazione collegati');
  await expect(behind.getByRole('link', { name: supported.title })).toBeVisible();
  await expect(behind).toContainText('Accolta nell’intervento');
  await accessible(page, 'measure with the contributions behind it');
});

/** A measure's public id, as MeasureIds.of(plan, code) derives it: a name-based (version 3, md5) UUID. */
function measureId(planId, code) {
  const hex = createHash('md5').update(`coprogram-measure:${planId}:${code}`).digest('hex').split('');
  hex[12] = '3';
  hex[16] = '89ab'[parseInt(hex[16], 16) & 3];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
