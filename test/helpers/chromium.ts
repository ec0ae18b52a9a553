import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config/config';

/** Debian's chromium: never a browser downloaded by Playwright. */
const CHROMIUM = '/usr/bin/chromium';
/** Screenshots kept for a person to look at (git-ignored). */
export const ARTIFACTS = resolve(PROJECT_ROOT, 'test/artifacts');
/** Offline, quiet, root-safe: without the background-networking flags Chromium keeps calling out. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, Vietnamese locale and bounded waits. */
export async function launchChromium({ viewport, timeoutMs }: { viewport: { width: number; height: number }; timeoutMs: number }): Promise<ChromiumSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run "bash scripts/setup.sh --tests" (installs Debian's chromium).`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'troly-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, locale: 'vi-VN' });
  context.setDefaultTimeout(timeoutMs);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects what a person would see go wrong on a page: console errors, page errors, failed requests, 4xx/5xx. */
export function watchPage(page: Page, problems: string[], { requestFailures = true }: { requestFailures?: boolean } = {}): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  if (requestFailures) page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}
