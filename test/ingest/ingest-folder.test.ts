import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/config/errors';
import { ingestFolder, type IngestResult } from '../../src/ingest/index';
import { DEFAULT_INGEST_LIMITS } from '../../src/ingest/ingest-limits';
import { encodeTcvn3, encodeWindows1258, tcvn3AsLatin1 } from '../fixtures/ingest/legacy-bytes';
import { makeDocx } from '../fixtures/ingest/make-docx';
import { makePdf } from '../fixtures/ingest/make-pdf';

const MAX_FILE_BYTES = 200_000;
const LIMITS = { ...DEFAULT_INGEST_LIMITS, maxFileBytes: MAX_FILE_BYTES };

const PLAN = 'Về hạ tầng số dùng chung, thành phố đã hoàn thành kết nối kênh truyền số liệu chuyên dùng tới 251/253 sở, ngành, quận, huyện, xã, phường, thị trấn (đạt 99,2%).';
const DECISION_HEADER = `ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 1234/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hải Phòng, ngày 05 tháng 5 năm 2022
QUYẾT ĐỊNH
Ban hành Kế hoạch chuyển đổi số thành phố Hải Phòng năm 2022`;

let dir: string;
let result: IngestResult;
const progress: Array<{ done: number; total: number; path: string; pages?: { done: number; total: number } }> = [];

/** Every kind of input, good and bad, in one folder. */
async function writeKnowledgeFolder(root: string): Promise<void> {
  const good = await makePdf({ pages: [DECISION_HEADER.split('\n'), [PLAN]] });
  const files: Record<string, string | Buffer> = {
    'quyet-dinh/Quyết định 1234.pdf': good,
    'quyet-dinh/Quyết định 1234.pdf.meta.json': JSON.stringify({ inForce: false, sourceUrl: 'https://haiphong.gov.vn/vb/1234', title: 'Quyết định 1234/QĐ-UBND về Kế hoạch chuyển đổi số năm 2022' }),
    'bai-viet.md': `# Hải Phòng đẩy mạnh chuyển đổi số\n\n${PLAN}\n`,
    'bai-viet.md.meta.json': JSON.stringify({ docType: 'Bài viết', issuedDate: '2022-08-04', id: 'bai-viet-chuyen-doi-so' }),
    'ghi-chu.txt': `Ghi chú họp Ban Chỉ đạo\n\n${PLAN}`,
    'ghi-chu.txt.meta.json': '{"issuedDate": "04/08/2022", "tags": ["x"]}',
    'trang.html': `<html><body><h1>Trang tin chuyển đổi số</h1><p>${PLAN}</p></body></html>`,
    'ke-hoach.docx': await makeDocx({ blocks: [{ text: 'Kế hoạch chuyển đổi số năm 2022', heading: 1 }, { text: PLAN }] }),
    'van-ban-cu-vntime.docx': await makeDocx({ blocks: [{ text: tcvn3AsLatin1('Thành ủy Hải Phòng'), font: '.VnTime' }, { text: tcvn3AsLatin1(PLAN), font: '.VnTime' }] }),
    'van-ban-tcvn3.txt': encodeTcvn3(`Kế hoạch chuyển đổi số\n\n${PLAN}`),
    'van-ban-1258.txt': encodeWindows1258(`Báo cáo chuyển đổi số\n\n${PLAN}`),
    'luat.jsonl': [
      JSON.stringify({ id: 'luat-cu-tru-dieu-1', title: 'Luật Cư trú - Điều 1', text: 'Luật này quy định về việc thực hiện quyền tự do cư trú của công dân Việt Nam.' }),
      '{ hỏng',
    ].join('\n'),
    // The bad ones.
    'rong.txt': '',
    'khoang-trang.md': ' \n\t\n  \n',
    'chi-the.html': '<html><body><script>var a = 1;</script></body></html>',
    'trang-web-tai-ve.pdf': '<!DOCTYPE html><html><body>Trang không tồn tại</body></html>',
    'mat-khau.pdf': await makePdf({ pages: [['Tài liệu mật']], userPassword: 'matkhau' }),
    'cat-cut.pdf': good.subarray(0, Math.floor(good.length / 2)),
    'ban-quet.pdf': await makePdf({ pages: [null] }),
    'rong.docx': '',
    'hong.docx': Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]),
    'bang-tinh.xlsx': Buffer.from('PK\u0003\u0004 not really'),
    'ban-ve.dwg': 'AC1032 không phải văn bản',
    'qua-lon.txt': 'a'.repeat(MAX_FILE_BYTES + 1),
    'mojibake.txt': 'Ð¾Ñ‚Ð²ÐµÑ‚ Ð½Ð° Ð²Ð¾Ð¿Ñ€Ð¾Ñ Ð¾ Ð¿Ñ€Ð¾ÐµÐºÑ‚Ðµ Ñ†Ð¸Ñ„Ñ€Ð¾Ð²Ð¾Ð¹ Ñ‚Ñ€Ð°Ð½ÑÑ„Ð¾Ñ€Ð¼Ð°Ñ†Ð¸Ð¸',
    '.an/bi-mat.txt': 'Tệp ẩn không được đọc.',
    '.DS_Store': 'x',
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'troly-ingest-'));
  await writeKnowledgeFolder(dir);
  result = await ingestFolder({ dir, limits: LIMITS, onProgress: (p) => progress.push(p) });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const byPath = (path: string) => result.documents.find((d) => d.source.path === path);

describe('ingestFolder', () => {
  it('reports every bad file once, with its reason, and skips hidden files and sidecars', () => {
    const errors = result.problems.filter((p) => p.severity === 'error').map((p) => [p.path, p.code]);
    expect(errors).toEqual([
      ['ban-quet.pdf', 'scanned-no-text'],
      ['ban-ve.dwg', 'unsupported-type'],
      // Spreadsheets are read now: a fake one is a damaged ZIP.
      ['bang-tinh.xlsx', 'corrupt'],
      ['cat-cut.pdf', 'corrupt'],
      ['chi-the.html', 'empty'],
      ['hong.docx', 'corrupt'],
      ['khoang-trang.md', 'empty'],
      ['luat.jsonl#2', 'invalid-record'],
      ['mat-khau.pdf', 'encrypted'],
      ['mojibake.txt', 'legacy-encoding'],
      ['qua-lon.txt', 'too-large'],
      ['rong.docx', 'empty'],
      ['rong.txt', 'empty'],
      ['trang-web-tai-ve.pdf', 'corrupt'],
    ]);
    expect(result.filesSeen).toBe(22);
  });

  it('still indexes every good document, in path order', () => {
    expect(result.documents.map((d) => [d.id, d.source.format])).toEqual([
      ['bai-viet-chuyen-doi-so', 'md'],
      ['ghi-chu', 'txt'],
      ['ke-hoach', 'docx'],
      ['luat-cu-tru-dieu-1', 'jsonl'],
      ['quyet-dinh-quyet-dinh-1234', 'pdf'],
      ['trang', 'html'],
      ['van-ban-1258', 'txt'],
      ['van-ban-cu-vntime', 'docx'],
      ['van-ban-tcvn3', 'txt'],
    ]);
    for (const document of result.documents) expect(document.source.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('extracts the header metadata of a PDF and lets its sidecar override and add fields', () => {
    const decision = byPath('quyet-dinh/Quyết định 1234.pdf');
    expect(decision?.title).toBe('Quyết định 1234/QĐ-UBND về Kế hoạch chuyển đổi số năm 2022');
    expect(decision?.meta).toEqual({
      docNumber: '1234/QĐ-UBND',
      issuedDate: '2022-05-05',
      issuer: 'Ủy ban nhân dân thành phố Hải Phòng',
      docType: 'Quyết định',
      inForce: false,
      sourceUrl: 'https://haiphong.gov.vn/vb/1234',
    });
    expect(decision?.text).toContain(PLAN);
  });

  it('takes id and metadata from a sidecar, and ignores an invalid sidecar with a warning', () => {
    expect(byPath('bai-viet.md')?.meta).toEqual({ docType: 'Bài viết', issuedDate: '2022-08-04' });
    expect(byPath('bai-viet.md')?.title).toBe('Hải Phòng đẩy mạnh chuyển đổi số');
    expect(byPath('ghi-chu.txt')?.meta).toEqual({});
    expect(result.problems).toContainEqual(expect.objectContaining({ path: 'ghi-chu.txt.meta.json', code: 'invalid-meta', severity: 'warning' }));
  });

  it('converts legacy encodings to Unicode, with a warning naming the encoding', () => {
    for (const path of ['van-ban-cu-vntime.docx', 'van-ban-tcvn3.txt', 'van-ban-1258.txt']) expect(byPath(path)?.text).toContain(PLAN);
    expect(byPath('van-ban-cu-vntime.docx')?.title).toBe('Thành ủy Hải Phòng');
    const warnings = result.problems.filter((p) => p.code === 'legacy-encoding' && p.severity === 'warning').map((p) => [p.path, p.encoding]);
    expect(warnings).toEqual([
      ['van-ban-1258.txt', 'Windows-1258'],
      ['van-ban-cu-vntime.docx', 'TCVN3'],
      ['van-ban-tcvn3.txt', 'TCVN3'],
    ]);
  });

  it('reports progress once per file, ending at the total, and counts the pages OCR reads', () => {
    const files = progress.filter((p) => p.pages === undefined);
    expect(files).toHaveLength(22);
    expect(files.at(-1)).toMatchObject({ done: 22, total: 22 });
    // The scanned page of ban-quet.pdf is counted while it is read, before the file is done.
    expect(progress.filter((p) => p.pages !== undefined)).toEqual([{ done: files.findIndex((p) => p.path === 'ban-quet.pdf'), total: 22, path: 'ban-quet.pdf', pages: { done: 1, total: 1 } }]);
    expect(progress.map((p) => p.path)).not.toContain('.an/bi-mat.txt');
  });

  it('gives the same result on a second run', async () => {
    const again = await ingestFolder({ dir, limits: LIMITS });
    expect(again).toEqual(result);
  });

  it('stops with ABORTED when the signal fires', async () => {
    const controller = new AbortController();
    const run = ingestFolder({ dir, limits: LIMITS, abortSignal: controller.signal, onProgress: ({ done }) => done === 2 && controller.abort() });
    await expect(run).rejects.toSatisfy((error) => isAppError(error, 'ABORTED'));
  });

  it('fails with INGEST_FAILED for a folder that does not exist', async () => {
    await expect(ingestFolder({ dir: join(dir, 'khong-co'), limits: LIMITS })).rejects.toSatisfy((error) => isAppError(error, 'INGEST_FAILED'));
  });
});
