import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { freshConsultation } from './platform.js';

// Lighthouse 12 (mobile, its default simulated throttling) on the five pages a visitor meets first: accessibility 100
// and performance 90 (issue #32) or the suite fails (docs/portal.md, "Speed"). It runs alone, after every other spec
// (playwright.config.js), in Debian's Chromium. The machine running the suite may be loaded (its load average is
// recorded with the scores): each run first waits, four minutes at most in all, until the machine's CPUs were at most
// SETTLED_BUSY busy over the last five seconds (Total Blocking Time is the machine's CPU time; the 1-minute load average
// it waited on before lags a minute behind the work that raised it, and sits at 2 on an idle platform here);
// a page below the target is measured again, five times at most, and its best run counts, as docs/portal.md says.
// COPROGRAM_LIGHTHOUSE_FLOOR lowers the bar for a run on a machine known to be shared.
const GATEWAY = process.env.COPROGRAM_GATEWAY ?? 'http://127.0.0.1:18080';
const OUTPUT = process.env.COPROGRAM_TEST_OUTPUT ?? new URL('../../../../target', import.meta.url).pathname;
const RUNS = 5;
const PERFORMANCE = 90;
const PERFORMANCE_FLOOR = Number(process.env.COPROGRAM_LIGHTHOUSE_FLOOR ?? PERFORMANCE);
const ACCESSIBILITY = 100;
const SETTLED_BUSY = Number(process.env.COPROGRAM_LIGHTHOUSE_SETTLED_BUSY ?? 0.25);
const WINDOW_MS = 5_000;
// What all the runs together may wait: a machine that stays loaded (a developer's, shared) still gets its scores.
let settleBudgetMs = 240_000;

function cpuTimes() {
  return cpus().reduce(
    (sum, { times }) => ({
      idle: sum.idle + times.idle,
      total: sum.total + times.user + times.nice + times.sys + times.irq + times.idle,
    }),
    { idle: 0, total: 0 },
  );
}

// The share of the machine's CPU time that was busy over the next WINDOW_MS.
async function busyShare() {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const after = cpuTimes();
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

// Waits on a condition (the CPUs going quiet), not for a fixed time: on a quiet machine it returns after one window.
async function settle() {
  const started = Date.now();
  let busy = await busyShare();
  while (busy > SETTLED_BUSY && Date.now() - started < settleBudgetMs) busy = await busyShare();
  settleBudgetMs -= Date.now() - started;
  return { waited: Math.round((Date.now() - started) / 1000), busy, load: loadavg()[0] };
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
        const { waited, busy, load } = await settle();
        runs.push({ ...(await audit(chrome.port, `${GATEWAY}${path}`)), busy, load, waited });
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
          `${runs.length} run(s), ${runs.map((r) => `CPU ${Math.round(r.busy * 100)}% busy, load ${r.load.toFixed(1)} after ${r.waited} s`).join(' / ')})` +
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
