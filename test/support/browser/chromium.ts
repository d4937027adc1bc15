import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { describeWhenAvailable } from '../describe-when-available.js';

/** Debian's `chromium` package (installed by .ci/run); CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumUnavailableReason = (): string | null =>
  existsSync(chromiumPath) ? null : `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`;

/**
 * A describe block that needs headless Chromium: skipped with a printed reason when it is missing,
 * except with CI=true, where a missing browser fails the run instead of hiding tests.
 */
export function describeWithChromium(title: string, body: () => void): void {
  describeWhenAvailable(title, chromiumUnavailableReason(), 'Chromium', body);
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

export interface PageInspection {
  readonly consoleErrors: readonly string[];
  /** Every request the page made beyond loading the document itself. */
  readonly requests: readonly string[];
  /** alert()/confirm()/prompt() opened by the page: any means script ran. */
  readonly dialogs: readonly string[];
  /** Rendered size of every <svg>, in document order. */
  readonly charts: readonly { readonly label: string; readonly width: number; readonly height: number }[];
  readonly text: string;
  readonly scriptElements: number;
  /** Widest element beyond the viewport (horizontal page scroll), 0 when nothing overflows. */
  readonly horizontalOverflow: number;
}

/** Opens an HTML file in a fresh page at the given viewport, records what happened, screenshots it. */
export async function inspectHtmlFile(
  browser: Browser,
  path: string,
  options: { screenshot: string; viewport: { width: number; height: number } },
): Promise<PageInspection> {
  const context = await browser.newContext({ viewport: options.viewport, javaScriptEnabled: true });
  const page = await context.newPage();
  const url = pathToFileURL(path).href;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  page.on('pageerror', (e) => void consoleErrors.push(e.message));
  page.on('request', (r) => void (r.url() !== url && requests.push(r.url())));
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  try {
    await page.goto(url, { waitUntil: 'load' });
    const charts = await page.$$eval('svg', (svgs) =>
      svgs.map((s) => ({
        label: s.getAttribute('aria-label') ?? '',
        width: s.getBoundingClientRect().width,
        height: s.getBoundingClientRect().height,
      })),
    );
    const text = await page.evaluate<string>('document.body.innerText');
    const scriptElements = await page.$$eval('script', (s) => s.length);
    const horizontalOverflow = await page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
    await mkdir(dirname(options.screenshot), { recursive: true });
    await page.screenshot({ path: options.screenshot, fullPage: true });
    return { consoleErrors, requests, dialogs, charts, text, scriptElements, horizontalOverflow };
  } finally {
    await context.close();
  }
}
