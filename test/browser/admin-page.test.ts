/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, watchPage, type ChromiumSession } from '../helpers/chromium';
import { ADMIN_TOKEN, startAdminTestServer, type AdminTestServer } from '../admin/admin-server';
import { SUMMER_HOURS_NUMBER, SUMMER_HOURS_QUESTION, summerHoursPdf } from '../fixtures/admin/summer-hours-pdf';

const OLD_QUESTION = 'Nơi cư trú của người chưa thành niên là ở đâu?';

describe('admin page in Chromium', () => {
  let server: AdminTestServer;
  let context: BrowserContext;
  let browser: ChromiumSession | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startAdminTestServer();
    browser = await launchChromium({ viewport: { width: 1200, height: 1000 }, timeoutMs: 30_000 });
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const watch = (page: Page) => watchPage(page, problems, { requestFailures: false });

  it('an admin uploads a PDF, watches the reindex, and the next question in the chat cites it, with no failed question meanwhile', async () => {
    const pdfPath = join(server.root, 'Quyết định giờ làm việc mùa hè.pdf');
    writeFileSync(pdfPath, await summerHoursPdf());
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.url}/admin`);
    await expect(page.locator('header h1').textContent()).resolves.toBe('Quản trị Trợ lý ảo');

    await page.getByLabel('Mã quản trị').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('#documents tbody tr', { hasText: 'Luật Cư trú' }).waitFor();
    await expect(page.locator('#serving').textContent()).resolves.toMatch(/^Đang phục vụ: 2 văn bản/);
    expect(await page.evaluate(() => sessionStorage.getItem('troly-admin-token'))).toBe(ADMIN_TOKEN);

    await page.locator('#file').setInputFiles(pdfPath);
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByText('Đã lưu “Quyết định giờ làm việc mùa hè.pdf”', { exact: false }).waitFor();
    await page.locator('#documents tbody tr', { hasText: 'Chờ lập chỉ mục' }).waitFor();

    // Officials keep asking while the index is rebuilt and switched (bounded loop).
    let asking = true;
    const failures: string[] = [];
    let asked = 0;
    const officials = (async () => {
      for (; asking && asked < 5000; asked++) {
        try {
          const answer = await server.pipeline.assistant.ask({ question: OLD_QUESTION });
          if (!answer.grounded || answer.citations[0]?.title !== 'Luật Cư trú') failures.push(answer.text.slice(0, 80));
        } catch (error) {
          failures.push(String(error));
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const bar = document.getElementById('progress') as HTMLProgressElement;
      new MutationObserver(() => seen.push(`${bar.value}|${document.getElementById('progress-text')?.textContent ?? ''}`)).observe(document.getElementById('progress-text') as HTMLElement, { childList: true, characterData: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Lập chỉ mục lại' }).click();
    await page.getByText('Xong: đang phục vụ 3 văn bản', { exact: false }).waitFor();
    asking = false;
    await officials;
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((s) => /^\d+\|Đọc tệp \d+%/.test(s))).toBe(true);
    expect(seen.at(-1)).toMatch(/^100\|Xong/);
    expect(await page.locator('#progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(100);

    const row = page.locator('#documents tbody tr', { hasText: SUMMER_HOURS_NUMBER });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Đang dùng');
    await expect(page.locator('#report').textContent()).resolves.toMatch(/3 văn bản/);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-page.png'), fullPage: true });
    expect(failures).toEqual([]);
    expect(asked).toBeGreaterThan(0);

    const chat = await context.newPage();
    watch(chat);
    await chat.goto(`${server.url}/`);
    await chat.getByText('Xin chào!', { exact: false }).first().waitFor();
    const input = chat.getByPlaceholder('Nhập câu hỏi của anh/chị…');
    await input.fill(SUMMER_HOURS_QUESTION);
    await input.press('Enter');
    await chat.getByText('7 giờ 00 đến 11 giờ 30', { exact: false }).first().waitFor();
    await chat.getByText(`Số hiệu: ${SUMMER_HOURS_NUMBER}`, { exact: false }).first().waitFor();
    await chat.screenshot({ path: join(ARTIFACTS, 'admin-new-document-cited.png'), fullPage: false });
    expect(problems).toEqual([]);
  }, 120_000);
});
