import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// "The test command never changes what ./coprogram up shows" (issue #32; docs/architecture.md, "Tests never change
// the demo"). After `./coprogram up && ./coprogram test`, the demo's portal lists exactly the demo's plans: the suite
// ran on a platform of its own. `./coprogram test` names the demo's gateway in COPROGRAM_DEMO_GATEWAY when one is
// running, and this spec runs last (a project that depends on every other); without a demo there is nothing to check.
const DEMO_GATEWAY = process.env.COPROGRAM_DEMO_GATEWAY;

/** The demo's plan titles, from the loader that creates them (scripts/demo_data.py), so there is one list. */
function demoPlanTitles() {
  const loader = readFileSync(new URL('../../../../../scripts/demo_data.py', import.meta.url), 'utf-8');
  return ['PUGLIA_TITLE', 'ABRUZZO_TITLE'].map((name) => {
    const found = loader.match(new RegExp(`^${name} = "([^"]+)"$`, 'm'));
    if (!found) throw new Error(`${name} is not in scripts/demo_data.py`);
    return found[1];
  });
}

test('dopo i test, il portale del demo elenca soltanto i piani del demo', async ({ page }) => {
  test.skip(!DEMO_GATEWAY, 'nessun demo in esecuzione (./coprogram up): niente da confrontare');
  await page.goto(`${DEMO_GATEWAY}/`);
  const plans = page.getByRole('list', { name: 'Piani' }).getByRole('heading', { level: 2 });
  await expect(plans.first()).toBeVisible();
  const listed = await plans.allInnerTexts();
  expect(listed.map((t) => t.trim()).sort()).toEqual(demoPlanTitles().sort());
  // The page lists 12 a page: the total the API gives the portal says there is no second page of others' plans.
  const all = await (await page.request.get(`${DEMO_GATEWAY}/api/plans?size=100`)).json();
  expect(all.total).toBe(demoPlanTitles().length);
});
