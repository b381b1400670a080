import { accessSync, constants } from 'node:fs';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { AppConfig } from '../config/app-config';

/** Where Chromium or Chrome usually is on Debian, Ubuntu, Alpine, macOS and in our Docker image. */
export const USUAL_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Headless flags that work without a sandbox, GPU or network on a server. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM_MISSING_MESSAGE =
  'PDF export needs Chromium on the server, and none was found. Install it (Debian or Ubuntu: "apt-get install chromium") or set OSCP_CHROMIUM to its path, then restart. The spreadsheet (XLSX) and CSV downloads work without it.';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `OSCP_CHROMIUM` when set (and runnable), else the first usual path that is; null when none is. */
export function findChromium(configured: string | null, candidates = USUAL_CHROMIUM_PATHS): string | null {
  if (configured) return isExecutable(configured) ? configured : null;
  return candidates.find(isExecutable) ?? null;
}

/** Chromium is not installed: the message says how to install it. */
export class ChromiumMissingError extends Error {
  constructor() {
    super(CHROMIUM_MISSING_MESSAGE);
    this.name = 'ChromiumMissingError';
  }
}

export interface PrintOptions {
  headerTemplate: string;
  footerTemplate: string;
}

/**
 * Prints HTML to A4 PDF with headless Chromium. One browser is started on first use and shared
 * by every request (each print gets its own page); it is closed when the application stops.
 */
@Injectable()
export class PdfPrinter implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfPrinter.name);
  private browser: Promise<Browser> | null = null;
  private launches = 0;

  constructor(private readonly config: AppConfig) {}

  /** The Chromium that would be used, or null. */
  executable(): string | null {
    return findChromium(this.config.chromiumPath);
  }

  /** How many times a browser was started (one, however many prints, unless it crashed). */
  get browserLaunches(): number {
    return this.launches;
  }

  async print(documentHtml: string, options: PrintOptions): Promise<Buffer> {
    const browser = await this.browserInstance();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(documentHtml, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: options.headerTemplate,
        footerTemplate: options.footerTemplate,
        margin: { top: '20mm', bottom: '18mm', left: '12mm', right: '12mm' },
        preferCSSPageSize: true,
        tagged: true,
        outline: true,
      });
      return Buffer.from(pdf);
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private browserInstance(): Promise<Browser> {
    if (this.browser) return this.browser;
    const executablePath = this.executable();
    if (!executablePath) return Promise.reject(new ChromiumMissingError());
    this.launches += 1;
    // Loaded on first print: playwright-core is a third of a second of start-up for every process.
    const launching = import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }),
    );
    this.browser = launching;
    launching.then(
      (browser) =>
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        }),
      (error: unknown) => {
        this.logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'Chromium did not start',
        );
        if (this.browser === launching) this.browser = null;
      },
    );
    return launching;
  }
}
