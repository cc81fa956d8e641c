import { expect, test } from '@playwright/test';
import { THEMES, call } from './platform.js';
import { accessible, login, shot } from './helpers.js';

// The region's own pages on the plan's document (docs/plan-document.md, "Portal"): region staff write a draft with a
// measure and its resources, publish it, link a whole synthesis cluster and a filtered list of proposals to the
// measure, and the measure's public page then shows those contributions. Another region's staff and a citizen are not
// offered the editor. Checked with axe like every portal page.

const GATEWAY = process.env.COPROGRAM_GATEWAY ?? 'http://127.0.0.1:18080';

/** Two themes in three places, so that the synthesis forms clusters of two or more. */
const PROPOSALS = [
  [
    'cittadino',
    'anziani',
    '072006',
    'Trasporto sociale per le visite mediche',
    'Un servizio di trasporto sociale per accompagnare gli anziani soli alle visite mediche in ospedale.',
  ],
  [
    'cittadino',
    'anziani',
    '071024',
    'Accompagnare gli anziani alle visite',
    'Volontari e pulmini per accompagnare gli anziani soli alle visite mediche e agli esami.',
  ],
  [
    'ets',
    'anziani',
    '073027',
    'Pulmino per gli anziani soli',
    'Un pulmino attrezzato per il trasporto degli anziani soli alle visite mediche e ai servizi.',
  ],
  [
    'cittadino',
    'poverta',
    '072006',
    'Emporio solidale di quartiere',
    'Aprire un emporio solidale dove le famiglie povere fanno la spesa con una tessera a punti.',
  ],
  [
    'ets',
    'poverta',
    '071024',
    'Empori solidali in ogni ambito',
    'Un emporio solidale in ogni ambito per le famiglie in povertà, con spesa gratuita a punti.',
  ],
  [
    'cittadino',
    'poverta',
    '073027',
    'Spesa solidale per le famiglie',
    'Emporio solidale con spesa a punti per le famiglie in povertà e pacchi alimentari.',
  ],
];

async function planInConsultation(title) {
  const plan = await call('regione', 'POST', '/api/plans', {
    region: 'puglia',
    title: `${title} ${Date.now()}`,
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    themes: THEMES,
    leps: [],
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/phase`, { phase: 'CONSULTATION' });
  return plan;
}

async function proposalsOf(plan) {
  for (const [user, theme, municipality, title, body] of PROPOSALS) {
    await expect
      .poll(
        () =>
          call(user, 'POST', `/api/plans/${plan.id}/proposals`, {
            kind: 'PROPOSAL',
            title,
            theme,
            municipality,
            body,
          }).then(
            () => true,
            () => false,
          ),
        { message: 'proposal-service knowing the plan', timeout: 30_000 },
      )
      .toBe(true);
  }
}

test('il personale della Regione scrive la bozza, la pubblica e collega un gruppo e un elenco filtrato', async ({
  page,
}) => {
  // The whole scenario (six proposals synthesised, a draft refused and saved, a version, two link actions, three axe
  // runs) in one test: more than the default 90 s on a busy machine.
  test.setTimeout(240_000);
  const plan = await planInConsultation('Piano scritto nel portale');
  await proposalsOf(plan);
  await expect
    .poll(async () => (await call(null, 'GET', `/api/plans/${plan.id}/synthesis`)).totals.contributions, {
      message: 'the synthesis counting the proposals',
      timeout: 60_000,
    })
    .toBe(PROPOSALS.length);
  let cluster = null;
  await expect
    .poll(
      async () => {
        const found = await call(null, 'GET', `/api/plans/${plan.id}/synthesis/clusters`);
        cluster = found.analysis.clusters.find((c) => c.size >= 2) ?? null;
        return cluster !== null;
      },
      { message: 'a cluster of two or more', timeout: 60_000 },
    )
    .toBe(true);
  const listed = (await call(null, 'GET', `/api/plans/${plan.id}/proposals?size=50`)).items;
  const member = listed.find((p) => cluster.members.includes(p.id));

  // The draft: a section and a measure with two resources, first with a year outside the plan's period.
  await page.goto(`/piani/${plan.id}/documento`);
  await login(page, 'regione');
  await page.getByRole('link', { name: 'Modifica la bozza' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bozza del documento del piano' })).toBeVisible();
  await expect(page.getByTestId('revisione-bozza')).toContainText('Revisione 0');
  await page.getByLabel('Il contesto').fill('La Puglia conta 45 ambiti territoriali sociali.');
  await page.getByRole('button', { name: 'Aggiungi un intervento' }).click();
  await expect(page.locator('#bozza-measures-0-code')).toBeFocused();
  await page.locator('#bozza-measures-0-code').fill('POV.2');
  await page.locator('#bozza-measures-0-title').fill('Empori solidali e trasporto sociale');
  await page.locator('#bozza-measures-0-description').fill('Empori solidali in ogni ambito e trasporto per le visite.');
  await page.locator('#bozza-measures-0-theme').selectOption('poverta');
  await page.locator('#bozza-measures-0-priority').selectOption('HIGH');
  await page.locator('#bozza-measures-0-scope-level').selectOption('DISTRICTS');
  await page.locator('#bozza-measures-0-scope-codes').fill('BA-BARI');
  await page.locator('#bozza-measures-0-office').fill('Sezione Inclusione sociale');
  await page.getByRole('button', { name: 'Aggiungi una risorsa' }).click();
  await page.locator('#bozza-measures-0-resources-0-source').selectOption('FONDO-POVERTA');
  await page.locator('#bozza-measures-0-resources-0-year').fill('2035');
  await page.locator('#bozza-measures-0-resources-0-amount').fill('80000,10');
  await page.getByRole('button', { name: 'Aggiungi una risorsa' }).click();
  await page.locator('#bozza-measures-0-resources-1-source').selectOption('FNPS');
  await page.locator('#bozza-measures-0-resources-1-year').fill('2027');
  await page.locator('#bozza-measures-0-resources-1-amount').fill('25000.05');
  await page.getByRole('button', { name: 'Salva la bozza' }).click();

  // The server's 422: the summary takes the focus and names the field, the message sits next to it.
  const summary = page.getByTestId('riepilogo-errori');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Intervento 1, risorsa 1: anno');
  await expect(summary).toContainText('anno compreso nel periodo del piano');
  const year = page.locator('#bozza-measures-0-resources-0-year');
  await expect(year).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#bozza-measures-0-resources-0-year-error')).toContainText('2026-2028');
  await accessible(page, 'draft editor with a refused save');
  await shot(page, 'plan-staff-draft-refused');
  await summary.getByRole('link', { name: 'Intervento 1, risorsa 1: anno' }).click();
  await expect(year).toBeFocused();
  await year.fill('2026');
  await page.getByRole('button', { name: 'Salva la bozza' }).click();
  await expect(page.getByText('Bozza salvata (revisione 1).')).toBeVisible();
  await expect(summary).toHaveCount(0);
  // The totals are the server's exact sums of the decimals typed.
  await expect(page.getByTestId('totale-piano')).toHaveText(/105\.000,15/);

  await page.getByLabel('Nota della versione (facoltativa)').fill('Prima stesura');
  await page.getByRole('button', { name: 'Pubblica la bozza' }).click();
  await expect(page.getByText('Pubblicata la versione 1.')).toBeVisible();
  const version = await call(null, 'GET', `/api/plans/${plan.id}/document/versions/1`);
  // The decimals typed, whatever order the server keeps them in.
  const resources = version.document.measures[0].resources;
  expect(resources).toHaveLength(2);
  expect(resources).toEqual(
    expect.arrayContaining([
      { source: 'FONDO-POVERTA', year: 2026, amount: 80000.1 },
      { source: 'FNPS', year: 2027, amount: 25000.05 },
    ]),
  );
  expect(version.document.measures[0].scope).toEqual({ level: 'DISTRICTS', codes: ['BA-BARI'] });
  const measureId = version.measureIds['POV.2'];

  // A filtered list: the proposals of one theme, one of them a member of the cluster linked next.
  await page.getByRole('link', { name: 'Collega i contributi agli interventi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Collega i contributi agli interventi' })).toBeVisible();
  await page.getByLabel('Intervento a cui collegare i contributi').selectOption('POV.2');
  await page.getByLabel('Area', { exact: true }).selectOption(member.theme);
  const sameTheme = listed.filter((p) => p.theme === member.theme);
  await expect(page.getByTestId('proposta-da-collegare')).toHaveCount(sameTheme.length);
  const chosen = sameTheme.filter((p) => p.id === member.id || !cluster.members.includes(p.id));
  // Bootstrap Italia draws the box on the label, which takes the click as a person's would.
  for (const p of chosen) {
    await page.locator(`label[for="proposta-scelta-${p.id}"]`).click();
    await expect(page.locator(`#proposta-scelta-${p.id}`)).toBeChecked();
  }
  await page.getByRole('button', { name: 'Collega le proposte scelte' }).click();
  // No reason: the server's violation is shown next to the reason, which takes the focus.
  const reason = page.locator('#elenco-reason');
  await expect(reason).toBeFocused();
  await expect(page.locator('#elenco-reason-error')).toContainText('motivazione pubblica è obbligatoria');
  await reason.fill('Le proposte su questo tema sono riprese negli empori solidali.');
  await page.locator('label[for="elenco-esito-PARTIALLY_INCORPORATED"]').click();
  await expect(page.locator('#elenco-esito-PARTIALLY_INCORPORATED')).toBeChecked();
  await page.getByRole('button', { name: 'Collega le proposte scelte' }).click();
  await expect(page.getByTestId('esito-elenco')).toContainText(
    chosen.length === 1
      ? 'Collegato all’intervento 1 contributo.'
      : `Collegati all’intervento ${chosen.length} contributi.`,
  );

  // The whole cluster in one action: its member already linked is skipped, with why.
  await page.getByLabel('Gruppo di contributi simili (tutta la regione)').selectOption(cluster.id);
  await page.locator('#gruppo-reason').fill('Il gruppo chiede quello che l’intervento finanzia.');
  await page.getByRole('button', { name: 'Collega il gruppo' }).click();
  const clusterResult = page.getByTestId('esito-gruppo');
  await expect(clusterResult).toContainText(
    cluster.size === 2
      ? 'Collegato all’intervento 1 contributo.'
      : `Collegati all’intervento ${cluster.size - 1} contributi.`,
  );
  await expect(clusterResult.getByTestId('saltati')).toContainText("già collegato all'intervento");
  await accessible(page, 'linking contributions');
  await shot(page, 'plan-staff-links');

  // The measure's public page shows every contribution linked, for anybody.
  const linkedIds = new Set([...chosen.map((p) => p.id), ...cluster.members]);
  await page.goto(`/interventi/${measureId}`);
  const behind = page.getByTestId('contributi-intervento');
  await expect(behind).toContainText(`${linkedIds.size} contributi della consultazione collegati`);
  for (const p of listed.filter((x) => linkedIds.has(x.id))) {
    await expect(behind.getByRole('link', { name: p.title })).toBeVisible();
  }
  await expect(behind).toContainText('dal gruppo');
  await accessible(page, 'measure with the contributions linked from the portal');
});

test('il personale di un’altra Regione e chi partecipa non vedono la bozza né i collegamenti', async ({ browser }) => {
  const plan = await planInConsultation('Piano chiuso agli altri');
  await call('regione', 'PUT', `/api/plans/${plan.id}/document/draft`, {
    revision: 0,
    document: {
      sections: [],
      measures: [
        {
          code: 'M1',
          title: 'Pronto intervento sociale',
          theme: 'poverta',
          priority: 'HIGH',
          scope: { level: 'REGION', codes: [] },
          resources: [{ source: 'FNPS', year: 2026, amount: 1000 }],
        },
      ],
    },
  });
  await call('regione', 'POST', `/api/plans/${plan.id}/document/versions`, {});
  for (const user of ['regione-abruzzo', 'cittadino']) {
    const context = await browser.newContext({ baseURL: GATEWAY, locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(`/piani/${plan.id}/documento`);
    await login(page, user);
    await expect(page.getByRole('heading', { level: 1, name: 'Documento del piano, versione 1' })).toBeVisible();
    await expect(page.getByTestId('strumenti-regione')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Modifica la bozza' })).toHaveCount(0);
    for (const path of ['bozza', 'collegamenti']) {
      await page.goto(`/piani/${plan.id}/documento/${path}`);
      await expect(page.getByTestId('solo-regione')).toBeVisible();
      await expect(page.getByRole('button', { name: /Salva la bozza|Collega/ })).toHaveCount(0);
    }
    await accessible(page, `the links page as ${user}`);
    await context.close();
  }
});
