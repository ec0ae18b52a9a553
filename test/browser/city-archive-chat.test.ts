/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLivePipeline, type LivePipeline } from '../../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { loadPrompts } from '../../src/prompts/catalog';
import { ARCHIVE_FACTS, writeCityArchive } from '../fixtures/ingest/city-archive';
import { ARTIFACTS, launchChromium, watchPage, type ChromiumSession } from '../helpers/chromium';
import { startTestServer, type TestServer } from '../helpers/test-server';

// The web chat over a real index of a scanned decision, a Word 97 file and a spreadsheet.
let root = '';
let pipeline: LivePipeline;
let server: TestServer;
let browser: ChromiumSession | undefined;
const problems: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-archive-chat-'));
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir);
  await writeCityArchive(knowledgeDir);
  const config = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir } });
  await buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
  pipeline = openLivePipeline({ config, prompts: loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') }) });
  server = await startTestServer({ assistant: pipeline.assistant, documents: pipeline.documents });
  browser = await launchChromium({ viewport: { width: 1100, height: 1000 }, timeoutMs: 30_000 });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  pipeline?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('web chat over scans, .doc and spreadsheets', () => {
  it('answers from the scanned decision and the spreadsheet, the scan cited as such, and shows the page image beside its text', async () => {
    const context = browser?.context;
    if (context === undefined) throw new Error('no browser');
    const page = await context.newPage();
    watchPage(page, problems);
    await page.goto(`${server.url}/`);
    await page.getByText('Xin chào!', { exact: false }).first().waitFor();
    const input = page.getByPlaceholder('Nhập câu hỏi của anh/chị…');
    await input.fill(ARCHIVE_FACTS.scan.question);
    await input.press('Enter');
    await page.getByText(ARCHIVE_FACTS.scan.fact, { exact: false }).first().waitFor();
    await page.getByText('Số hiệu: 15/2024/QĐ-UBND · Điều 2 · bản quét, nhận dạng ký tự').waitFor();
    await input.fill(ARCHIVE_FACTS.sheet.question);
    await input.press('Enter');
    await page.getByText(ARCHIVE_FACTS.sheet.locator).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'city-archive-chat.png'), fullPage: false });

    const viewer = await context.newPage();
    watchPage(viewer, problems);
    await viewer.goto(`${server.url}/documents/qd-15-2024-cay-xanh`);
    const image = viewer.locator('aside.scans img');
    await image.waitFor();
    const width = await image.evaluate((element) => {
      const img = element as HTMLImageElement;
      return new Promise<number>((done) => (img.complete ? done(img.naturalWidth) : img.addEventListener('load', () => done(img.naturalWidth), { once: true })));
    });
    expect(width).toBeGreaterThan(500);
    await viewer.screenshot({ path: join(ARTIFACTS, 'city-archive-document.png'), fullPage: false });
    expect(problems).toEqual([]);
  }, 120_000);
});
