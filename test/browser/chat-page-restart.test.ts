/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer } from '../fakes/fake-assistant';
import { launchChromium, type ChromiumSession } from '../helpers/chromium';
import { freePort } from '../helpers/system-binary';
import { startTestServer, type TestServer } from '../helpers/test-server';

const BEFORE = 'dieu kien dang ky thuong tru';
const AFTER = 'thoi han giai quyet dang ky thuong tru';
const assistant = createFakeAssistant({
  replies: {
    [BEFORE]: groundedAnswer({ question: 'Điều kiện đăng ký thường trú', text: 'Công dân có **chỗ ở hợp pháp** thuộc quyền sở hữu của mình thì được đăng ký thường trú [1].', citations: [citationOfResidenceLaw()] }),
    [AFTER]: groundedAnswer({ question: 'Thời hạn giải quyết đăng ký thường trú', text: 'Trong thời hạn **07 ngày làm việc** kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ [1].', citations: [citationOfResidenceLaw({ locator: 'Điều 22, khoản 3', passage: 'Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định.' })] }),
  },
});

// Before: without TROLY_DIRECTLINE_SECRET the token key was random per process and conversations
// lived in memory, so a restart left every open page "Online" and deaf. Now both are in the state
// database: the page's Web Chat reconnects by itself and the next question is answered.
describe('chat page in Chromium across a server restart', () => {
  let server: TestServer;
  let browser: ChromiumSession | undefined;
  let dataDir: string;
  let port: number;
  const start = () => startTestServer({ assistant, env: { TROLY_DATA_DIR: dataDir, PORT: String(port), TROLY_SHUTDOWN_GRACE_MS: '500' } });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'troly-restart-'));
    port = await freePort();
    server = await start();
    browser = await launchChromium({ viewport: { width: 1000, height: 800 }, timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the next question asked on the open page after the server restarted', async () => {
    const page = await (browser as ChromiumSession).context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByText('Xin chào!', { exact: false }).first().waitFor();
    const input = page.getByPlaceholder('Nhập câu hỏi của anh/chị…');
    await input.fill(BEFORE);
    await input.press('Enter');
    await page.getByText('chỗ ở hợp pháp', { exact: false }).first().waitFor();

    await server.stop();
    server = await start();

    // Web Chat's WebSocket reconnects after 3–15 s (the library's own delay); a send before that is retried by the user.
    const deadline = Date.now() + 45_000;
    await input.fill(AFTER);
    await input.press('Enter');
    for (;;) {
      if ((await page.getByText('07 ngày làm việc', { exact: false }).count()) > 0) break;
      if (Date.now() > deadline) throw new Error('the question asked after the restart was not answered within 45 s');
      const retry = page.getByText('Gửi lại', { exact: false });
      if ((await retry.count()) > 0) await retry.first().click().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(assistant.calls.map((c) => c.question)).toContain(AFTER);
  }, 90_000);
});
