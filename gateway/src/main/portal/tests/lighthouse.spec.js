import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { freshConsultation } from './platform.js';

// Lighthouse 12 (mobile, its default simulated throttling) on the five pages a visitor meets first: accessibility 100
// and performance 90 (issue #32) or the suite fails (docs/portal.md, "Speed"). It runs alone, after every other spec
// (playwright.config.js), in Debian's Chromium. The machine running the suite may be loaded (its load average is
// recorded with the scores): each run first waits, four minutes at most in all, for the 1-minute load average to fall to
// SETTLED (the specs before it leave it at 7-9 on CI's two cores, and Total Blocking Time is the machine's CPU time);
// a page below the target is measured again, five times at most, and its best run counts, as docs/portal.md says.
// COPROGRAM_LIGHTHOUSE_FLOOR lowers the bar for a run on a machine known to be shared.
const GATEWAY = process.env.COPROGRAM_GATEWAY ?? 'http://127.0.0.1:18080';
const OUTPUT = process.env.COPROGRAM_TEST_OUTPUT ?? new URL('../../../../target', import.meta.url).pathname;
const RUNS = 5;
const PERFORMANCE = 90;
const PERFORMANCE_FLOOR = Number(process.env.COPROGRAM_LIGHTHOUSE_FLOOR ?? PERFORMANCE);
const ACCESSIBILITY = 100;
const SETTLED = Number(process.env.COPROGRAM_LIGHTHOUSE_SETTLED_LOAD ?? 3);
// What all the runs together may wait: a machine that stays loaded (a developer's, shared) still gets its scores.
let settleBudgetMs = 240_000;

// Waits on a condition (the load average), not for a fixed time: on a quiet machine it returns at once.
async function settle() {
  const started = Date.now();
  while (loadavg()[0] > SETTLED && Date.now() - started < settleBudgetMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  settleBudgetMs -= Date.now() - started;
  return { waited: Math.round((Date.now() - started) / 1000), load: loadavg()[0] };
}

async function audit(port, url) {
  const { lhr } = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  });
  const failed = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id))
    .map((a) => a.id);
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    fcp: lhr.audits['first-contentful-paint'].numericValue,
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
    accessibilityFailures: failed,
  };
}

test('le pagine principali sono veloci su un telefono e accessibili secondo Lighthouse', async () => {
  // About 8 s a run on an idle machine; a loaded one takes several times that, may need the third runs, and waits.
  test.setTimeout(900_000);
  const data = await freshConsultation();
  const pages = {
    home: '/',
    proposte: `/piani/${data.plan.id}/proposte`,
    proposta: `/proposte/${data.supported.id}`,
    questionario: `/questionari/${data.survey.id}`,
    sintesi: `/piani/${data.plan.id}/sintesi`,
  };
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const results = {};
  try {
    for (const [name, path] of Object.entries(pages)) {
      const runs = [];
      do {
        const { waited, load } = await settle();
        runs.push({ ...(await audit(chrome.port, `${GATEWAY}${path}`)), load, waited });
      } while (
        runs.length < RUNS &&
        !runs.some((r) => r.performance >= PERFORMANCE_FLOOR && r.accessibility >= ACCESSIBILITY)
      );
      const best = runs.reduce((a, b) =>
        b.accessibility > a.accessibility || (b.accessibility === a.accessibility && b.performance > a.performance)
          ? b
          : a,
      );
      results[name] = { path, best, runs };
      console.log(
        `${name}: performance ${best.performance}, accessibility ${best.accessibility} ` +
          `(FCP ${Math.round(best.fcp)} ms, LCP ${Math.round(best.lcp)} ms, TBT ${Math.round(best.tbt)} ms; ` +
          `${runs.length} run(s), load ${runs.map((r) => `${r.load.toFixed(1)} after ${r.waited} s`).join(' / ')})` +
          (best.accessibilityFailures.length ? ` accessibility: ${best.accessibilityFailures.join(', ')}` : ''),
      );
    }
  } finally {
    await chrome.kill();
    writeFileSync(`${OUTPUT}/lighthouse.json`, JSON.stringify(results, null, 2));
  }
  for (const [name, { best }] of Object.entries(results)) {
    expect(best.accessibility, `Lighthouse accessibility of ${name}: ${best.accessibilityFailures}`).toBe(
      ACCESSIBILITY,
    );
    expect(best.performance, `Lighthouse performance (mobile) of ${name}`).toBeGreaterThanOrEqual(PERFORMANCE_FLOOR);
  }
});
