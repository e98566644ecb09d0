import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices, type Services } from '../../electron/services/index.ts';
import { startWebHost, type WebHost } from '../../electron/web/host.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STATIC_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export interface AppUnderTest {
  page: Page;
  context: BrowserContext;
  host: WebHost;
  services: Services;
  dataDir: string;
  /** Every URL the page requested, to prove nothing leaves the machine */
  requests: string[];
  /** Console errors and uncaught page errors */
  pageErrors: string[];
  /** Stops the browser, the host and the services (and removes the data unless keepData) */
  close(options?: { keepData?: boolean }): Promise<void>;
}

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** Starts the real services on a fresh (or given) data folder, the host, and a page on the app. */
export async function startApp(options: { dataDir?: string; initScript?: string; allowUnopened?: boolean } = {}): Promise<AppUnderTest> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) throw new Error('界面未构建：请先运行 npm run build:renderer');
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-'));
  const services = await createServices({ dataDir, ...(options.allowUnopened ? { allowUnopened: true } : {}) });
  const host = await startWebHost({ services, staticDir: STATIC_DIR });
  const b = await launchBrowser();
  const context = await b.newContext({ locale: 'zh-CN', acceptDownloads: true, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(host.url);
  return {
    page,
    context,
    host,
    services,
    dataDir,
    requests,
    pageErrors,
    async close({ keepData = false } = {}) {
      await context.close();
      await host.close();
      services.close();
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Requests that went anywhere but this host (data: and blob: URLs are local). */
export function offMachineRequests(app: AppUnderTest): string[] {
  return app.requests.filter((u) => !u.startsWith(app.host.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
}
