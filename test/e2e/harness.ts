/**
 * Shared by the browser end-to-end tests and `bench/browser.ts`: build the app into a temporary
 * folder, serve it on a free port, and drive Debian's Chromium with playwright-core. Never
 * downloads a browser: without /usr/bin/chromium the suite is skipped with a message.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { buildApp } from '../../scripts/build.ts';
import { startServer } from '../../scripts/serve.ts';

import { locate, requireExternal, skipLine } from '../support/suites.ts';

export const CHROMIUM = locate('chromium') ?? process.env.FERROSIM_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_MESSAGE = skipLine('chromium');
/** For test files: registers a failing test under CI when Chromium is missing; true when it is there. */
export const chromiumForTests = (): boolean => requireExternal('chromium') !== undefined;

/** The flags DEVELOPERS.md documents: headless, no sandbox (root in CI), and no background network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

export interface AppUnderTest {
  url: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Builds, serves and opens the app; resolves once the page has drawn its first scenario. */
export async function openApp(options: { minify?: boolean; width?: number; height?: number } = {}): Promise<AppUnderTest> {
  const outDir = mkdtempSync(join(tmpdir(), 'ferrosim-dist-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'ferrosim-chromium-'));
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    await new Promise<void>((res) => (server ? server.close(() => res()) : res()));
    rmSync(outDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    await buildApp({ outDir, minify: options.minify ?? true });
    const served = await startServer({ root: outDir, port: 0 });
    server = served.server;
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      acceptDownloads: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors: string[] = [];
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
    await page.goto(served.url);
    await page.waitForFunction(() => document.body.dataset.ready === 'true' && Number(document.body.dataset.redraws ?? 0) > 0, null, { timeout: 60_000 });
    return { url: served.url, context, page, consoleErrors, close: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Loads a bundled scenario by file name and waits until its curves are drawn. */
export async function selectScenario(page: Page, fileName: string): Promise<void> {
  const value = `bundled:${fileName}`;
  if ((await page.inputValue('#scenario-select')) === value) return;
  const before = await redraws(page);
  await page.selectOption('#scenario-select', value);
  await waitForRedraw(page, before);
}

export async function redraws(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.body.dataset.redraws ?? 0));
}

export async function waitForRedraw(page: Page, after: number): Promise<void> {
  // Redrawn since `after`, and no newer change still being solved.
  await page.waitForFunction(
    (n) => Number(document.body.dataset.redraws ?? 0) > n && (document.body.dataset.busy ?? '0') === '0',
    after,
    { timeout: 30_000 },
  );
}

export interface PlottedSeries {
  id: string;
  x: number[];
  y: number[];
}

/** The time courses as plotted: the `current` traces of every module figure. */
export async function plottedSeries(page: Page): Promise<PlottedSeries[]> {
  // Live redraws update off-screen figures just after the visible ones.
  await page.waitForFunction(() => (document.body.dataset.stale ?? '0') === '0', null, { timeout: 30_000 });
  return page.evaluate(() => {
    type Trace = { meta?: { role?: string; output?: string }; x: ArrayLike<number>; y: ArrayLike<number> };
    const out: { id: string; x: number[]; y: number[] }[] = [];
    for (const gd of document.querySelectorAll('#plots .plot')) {
      const data = (gd as unknown as { data?: Trace[] }).data ?? [];
      for (const t of data) {
        if (t.meta?.role === 'current' && t.meta.output) out.push({ id: t.meta.output, x: Array.from(t.x), y: Array.from(t.y) });
      }
    }
    return out;
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
