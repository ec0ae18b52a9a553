/// <reference lib="dom" />
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, watchPage, type ChromiumSession } from '../helpers/chromium';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer } from '../fakes/fake-assistant';
import { startTestServer, type TestServer } from '../helpers/test-server';

const QUESTION = 'thoi han giai quyet dang ky thuong tru';
const PASSAGE =
  'Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định, cập nhật thông tin về nơi thường trú mới của người đăng ký vào Cơ sở dữ liệu về cư trú.';

const HOSTILE = 'van ban co the chua ma doc';
// No straight quotes: Web Chat's Markdown typesetting curls them, which is fine but not this test's point.
const SCRIPT_TEXT = '<script>document.title=1</script>';

const assistant = createFakeAssistant({
  replies: {
    [HOSTILE]: groundedAnswer({
      question: HOSTILE,
      text: 'plain text for logs',
      sentences: [{ text: `# Tiêu đề giả ${SCRIPT_TEXT} và *không đậm* [liên kết](http://evil.example)`, cites: [1] }],
      citations: [citationOfResidenceLaw({ title: 'Luật <img src=/x.png onerror=alert(1)> Cư trú', locator: 'Điều 2', chunkId: 'luat-cu-tru-2020#dieu-2-0' })],
    }),
    [QUESTION]: groundedAnswer({
      question: 'Thời hạn giải quyết đăng ký thường trú',
      text: `Trong thời hạn **07 ngày làm việc** kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định và cập nhật thông tin về nơi thường trú mới [1].`,
      citations: [citationOfResidenceLaw({ locator: 'Điều 22, khoản 3', chunkId: 'luat-cu-tru-2020#dieu-22-khoan-3-0', passage: PASSAGE })],
    }),
  },
});

describe('chat page in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: ChromiumSession | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ assistant });
    browser = await launchChromium({ viewport: { width: 1100, height: 900 }, timeoutMs: 20_000 });
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const watch = (page: Page) => watchPage(page, problems);

  it('asks a question, shows the answer with its citation card, opens the cited passage, takes feedback', async () => {
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.url}/`);
    await expect(page.locator('header h1').textContent()).resolves.toBe('Trợ lý ảo — Thành phố Hải Phòng');

    await page.getByText('Xin chào!', { exact: false }).first().waitFor();
    const input = page.getByPlaceholder('Nhập câu hỏi của anh/chị…');
    await input.fill(QUESTION);
    await input.press('Enter');

    await page.getByText('07 ngày làm việc', { exact: false }).first().waitFor();
    await page.getByText('[1] Luật Cư trú').waitFor();
    await page.getByText('Số hiệu: 68/2020/QH14 · Điều 22, khoản 3').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'chat-page.png'), fullPage: false });

    const [documentPage] = await Promise.all([context.waitForEvent('page'), page.locator('button.ac-pushButton', { hasText: 'Mở văn bản [1]' }).click()]);
    watch(documentPage);
    await documentPage.waitForLoadState('load');
    expect(decodeURIComponent(new URL(documentPage.url()).hash)).toBe('#luat-cu-tru-2020#dieu-22-khoan-3-0');
    const target = await documentPage.evaluate(() => {
      const element = document.querySelector(':target');
      return element === null ? null : { id: element.id, text: element.textContent ?? '', background: getComputedStyle(element).backgroundColor };
    });
    expect(target?.id).toBe('luat-cu-tru-2020#dieu-22-khoan-3-0');
    expect(target?.text).toContain('Trong thời hạn 07 ngày làm việc');
    expect(target?.background).not.toBe('rgba(0, 0, 0, 0)');
    await documentPage.screenshot({ path: join(ARTIFACTS, 'document-page.png'), fullPage: false });
    await documentPage.close();

    await page.locator('button.ac-pushButton', { hasText: 'Hữu ích' }).click();
    await page.getByText('Cảm ơn anh/chị đã đánh giá', { exact: false }).first().waitFor();
    expect((await server.stateStore.feedback.list())[0]).toMatchObject({ rating: 'up', channelId: 'directline' });
    // The 👍/👎 are images the page carries, not emoji the machine may lack a font for.
    const icons = await page.locator('button.ac-pushButton img').evaluateAll((images) => images.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(icons.length).toBeGreaterThanOrEqual(2);
    for (const width of icons) expect(width).toBeGreaterThan(0);

    await input.fill(HOSTILE);
    await input.press('Enter');
    await page.getByText('# Tiêu đề giả', { exact: false }).first().waitFor();
    const transcript = (await page.locator('#webchat').textContent()) ?? '';
    expect(transcript).toContain(SCRIPT_TEXT);
    expect(transcript.replace(/\u200b/g, '')).toContain('*không đậm* [liên kết](http://evil.example)');
    expect(transcript).toContain('Luật <img src=/x.png onerror=alert(1)> Cư trú');
    expect(await page.locator('#webchat img[src="/x.png"]').count()).toBe(0);
    expect(await page.locator('#webchat a[href^="http://evil"]').count()).toBe(0);
    expect(await page.locator('#webchat h1:has-text("Tiêu đề giả"), #webchat em:has-text("không đậm"), #webchat strong:has-text("không đậm")').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'chat-page-escaped.png'), fullPage: false });
    expect(assistant.calls.filter((c) => c.history !== undefined).map((c) => c.question)).toEqual([QUESTION, HOSTILE]);
    // Web Chat streamed over our WebSocket (not polling), through the page's CSP.
    expect(server.logs.some((line) => line.msg === 'Direct Line stream opened')).toBe(true);
    expect(problems).toEqual([]);
  });
});
