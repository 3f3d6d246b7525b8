/**
 * `npm run screenshots`: regenerates the README's screenshots of the browser app from the current
 * code, so they cannot go stale. Builds the app, serves it on a free port and drives Debian's
 * Chromium headless with playwright-core (the flags and the fresh, deleted profile of
 * test/e2e/harness.ts; never a downloaded browser).
 *
 *   docs/browser-app.png     time courses: IFN-γ + erastin with a pinned run, log-y lipid ROS
 *   docs/browser-sweep.png   an IFN-γ × erastin heatmap (erastin 0, 0.1–3 µM) and its Bliss excess
 */
import { join } from 'node:path';
import { hasChromium, openApp, redraws, selectScenario, SKIP_MESSAGE, waitForRedraw } from '../test/e2e/harness.ts';

const DOCS = join(import.meta.dirname, '..', 'docs');

async function main(): Promise<void> {
  if (!hasChromium) {
    console.error(SKIP_MESSAGE);
    process.exit(2);
  }
  const app = await openApp({ width: 1440, height: 1000 });
  const { page } = app;
  try {
    await selectScenario(page, 'ifng-erastin.yaml');
    // A pinned run (as loaded), then the same without IFN-γ, to compare.
    await page.click('#pin-run');
    let before = await redraws(page);
    await page.fill('input[aria-label="IFNG value in ng/mL"]', '0');
    await page.dispatchEvent('input[aria-label="IFNG value in ng/mL"]', 'change');
    await waitForRedraw(page, before);
    before = await redraws(page);
    await page.check('#plots .card[data-module="lipid"] input.log-y');
    await page.waitForTimeout(500);
    await page.waitForFunction(() => (document.body.dataset.stale ?? '0') === '0');
    const app1 = join(DOCS, 'browser-app.png');
    await page.screenshot({ path: app1 });
    console.log(`wrote ${app1}`);

    await page.click('#tab-sweep');
    await page.check('#axis2-enabled');
    await page.fill('#axis1-points', '7');
    await page.dispatchEvent('#axis1-points', 'change');
    // Erastin where IFN-γ sensitises (between harmless and lethal on its own), so the Bliss map shows it.
    for (const [field, value] of [['#axis2-from', '0.1'], ['#axis2-to', '3'], ['#axis2-points', '6']]) {
      await page.fill(field, value);
      await page.dispatchEvent(field, 'change');
    }
    await page.check('#axis1-zero');
    await page.check('#axis2-zero');
    await page.click('#sweep-run');
    await page.waitForFunction(() => document.body.dataset.sweep === 'done' && !!document.querySelector('#bliss-plot .main-svg'), null, { timeout: 300_000 });
    const sweep = join(DOCS, 'browser-sweep.png');
    await page.screenshot({ path: sweep });
    console.log(`wrote ${sweep}`);
    if (app.consoleErrors.length > 0) throw new Error(`the page logged errors:\n${app.consoleErrors.join('\n')}`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(`screenshots failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
