import { openApp, plottedSeries, selectScenario, screenshot } from './test/e2e/harness.ts';
const app = await openApp();
const { page } = app;
try {
  await selectScenario(page, 'ifng-erastin.yaml');
  const s = await plottedSeries(page);
  console.log(s.map(x => `${x.id}:${x.x.length}`).join(' '));
  console.log(await page.textContent('#run-info'));
  await page.click('#outputs-toggle');
  await page.click('input[data-output="TfR1"]');
  await page.waitForTimeout(1500);
  console.log((await plottedSeries(page)).map(x => `${x.id}:${x.x.length}`).join(' '));
  await page.click('input[data-output="jak"]');
  await page.waitForTimeout(1500);
  console.log((await plottedSeries(page)).map(x => `${x.id}:${x.x.length}`).join(' '));
  await page.click('#steady-toggle');
  await page.waitForTimeout(1000);
  console.log(await page.textContent('#steady-summary'));
  await screenshot(page, 'explore');
  console.log(app.consoleErrors);
} finally { await app.close(); }
