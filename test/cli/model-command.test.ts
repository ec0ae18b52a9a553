import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model';
import { closedPort, startFakeModelHub } from '../helpers/fake-model-hub';

const MODEL_ID = 'test/tiny-e5-small';

async function troly(...args: string[]) {
  const io = createMemoryOutput();
  const code = await run(['node', 'troly', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('troly model', () => {
  let dir: string;
  let modelsDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'troly-model-cli-'));
    modelsDir = join(dir, 'models');
    await makeTinyModel({ dir: modelsDir, modelId: MODEL_ID, dimensions: 32 });
  });
  afterEach(() => {
    process.exitCode = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('check: lists the installed models, the files of the chosen one and its dimensions from a probe', async () => {
    const { code, out, err } = await troly('model', 'check', MODEL_ID, '--models-dir', modelsDir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`Thư mục mô hình: ${modelsDir}`);
    expect(out).toContain(`• ${MODEL_ID} (trọng số: fp32, q8)`);
    expect(out).toMatch(/✓ onnx\/model_quantized\.onnx \([\d,]+ kB\)/);
    expect(out).toContain('vectơ 32 chiều');
    expect(out).toContain('Tiền tố câu hỏi: "query: "; tiền tố đoạn văn: "passage: "');
  });

  it('check: exits 1 naming the missing files and the command that installs the model', async () => {
    const { code, out, err } = await troly('model', 'check', 'Xenova/multilingual-e5-small', '--models-dir', join(dir, 'empty'));
    expect(code).toBe(1);
    expect(out).toContain('Chưa cài mô hình nào trong thư mục này.');
    expect(out).toContain('✗ onnx/model_quantized.onnx: thiếu');
    expect(err).toContain('chỉ tìm theo từ khoá');
    expect(err).toContain('troly model pull Xenova/multilingual-e5-small');
  });

  it('pull: fails fast with a Vietnamese explanation when the hub cannot be reached', async () => {
    const host = `http://127.0.0.1:${await closedPort()}/`;
    const { code, err } = await troly('model', 'pull', 'Xenova/multilingual-e5-small', '--models-dir', join(dir, 'offline'), '--host', host, '--timeout', '2');
    expect(code).toBe(1);
    expect(err).toContain(`Không kết nối được tới kho mô hình ${host} (ECONNREFUSED)`);
    expect(err).toContain('trên một máy có Internet');
  });

  it('pull: downloads from a reachable hub, then probes the model', async () => {
    const hub = await startFakeModelHub({ modelsDir });
    try {
      const { code, out, err } = await troly('model', 'pull', MODEL_ID, '--models-dir', join(dir, 'pulled'), '--host', hub.url, '--dtype', 'fp32');
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('✓ onnx/model.onnx');
      expect(out).toContain(`Đã tải xong ${MODEL_ID}: vectơ 32 chiều`);
    } finally {
      await hub.close();
    }
  });

  it('help: describes the commands in Vietnamese and English', async () => {
    const { out } = await troly('model', '--help');
    expect(out).toContain('Kiểm tra mô hình đã cài');
    expect(out).toContain('Check the installed model');
  });
});
