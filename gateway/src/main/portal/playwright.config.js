import { defineConfig } from '@playwright/test';

// The browser tests run against the test platform (./coprogram test starts it, ./coprogram test-platform alone; never the
// demo's), in Debian's Chromium: Playwright's own browser download is not reachable here, and the system browser is what
// the CI machine installs. The e2e module runs them (mvn -pl e2e verify -Pe2e): it names the platform's gateway in
// COPROGRAM_GATEWAY and its realm in COPROGRAM_REALM, as it does for the system tests (e2e/pom.xml), and its target
// directory for their results in COPROGRAM_TEST_OUTPUT.
const OUTPUT = process.env.COPROGRAM_TEST_OUTPUT ?? '../../../target';

export default defineConfig({
  testDir: './tests',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two specs at a time: most of a spec waits on the platform (a login, a relay, the synthesis). Lighthouse measures the
  // pages' speed, so it runs alone once every other spec is done (its own project, which depends on the other).
  workers: 2,
  retries: 0,
  projects: [
    { name: 'portal', testIgnore: /(lighthouse|demo-untouched)\.spec\.js/ },
    { name: 'lighthouse', testMatch: /lighthouse\.spec\.js/, dependencies: ['portal'] },
    // Last: the demo's portal after the whole suite (./coprogram test names it when a demo is running).
    { name: 'demo', testMatch: /demo-untouched\.spec\.js/, dependencies: ['lighthouse'] },
  ],
  reporter: [['list']],
  outputDir: `${OUTPUT}/portal-test-results`,
  use: {
    baseURL: process.env.COPROGRAM_GATEWAY ?? 'http://127.0.0.1:18080',
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    viewport: { width: 1280, height: 900 },
    // A failed test keeps its trace (actions, DOM snapshots, network) and a screenshot; the trace's screencast is off:
    // every test records it and, on two CPU-bound cores, it cost about 10 % of the specs' time (4.9 → 4.4 min).
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // Without these Chromium keeps calling Google's hosts, which this machine's closed network refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
