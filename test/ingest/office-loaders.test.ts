import CFB from 'cfb';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ingestLimits } from '../../src/ingest/ingest-limits';
import { docLoader } from '../../src/ingest/load-doc';
import { odtLoader } from '../../src/ingest/load-odt';
import { rtfLoader } from '../../src/ingest/load-rtf';
import { sheetLoader } from '../../src/ingest/load-sheet';
import { makeDoc } from '../fixtures/ingest/make-doc';
import { makeOdt, makeRtf, makeSheetFile, makeXlsx, type SheetSpec } from '../fixtures/ingest/make-office';

const PROCEDURES: SheetSpec = {
  name: 'Thủ tục',
  title: 'DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ',
  rows: [
    ['STT', 'Tên thủ tục', 'Thời hạn giải quyết', 'Lệ phí', 'Cơ quan thực hiện'],
    [1, 'Đăng ký khai sinh', 'Ngay trong ngày làm việc', 'Miễn lệ phí', 'UBND cấp xã'],
    [2, 'Đăng ký kết hôn', '05 ngày làm việc', '30.000 đồng', 'UBND cấp xã'],
    [3, 'Chứng thực bản sao từ bản chính', 'Trong ngày', '2.000 đồng/trang', null],
  ],
};

describe('docLoader', () => {
  it('reads the paragraphs of a Word 97 file with their Vietnamese letters', async () => {
    const bytes = makeDoc(['QUYẾT ĐỊNH', 'Về việc phê duyệt kế hoạch phòng, chống thiên tai năm 2024', 'Điều 1. Tổng kinh phí thực hiện là 3,5 tỷ đồng.']);
    const out = await docLoader.load({ path: 'qd.doc', bytes });
    expect(out.problems).toEqual([]);
    expect(out.documents[0]?.text).toBe('QUYẾT ĐỊNH\n\nVề việc phê duyệt kế hoạch phòng, chống thiên tai năm 2024\n\nĐiều 1. Tổng kinh phí thực hiện là 3,5 tỷ đồng.');
  });

  it('reads a ".doc" that is really an HTML page as HTML, with a warning', async () => {
    const bytes = Buffer.from('<html><head><meta charset="utf-8"><title>Thông báo</title></head><body><h1>Thông báo lịch tiếp công dân</h1><p>Chủ tịch UBND tiếp công dân vào thứ Năm hằng tuần.</p></body></html>');
    const out = await docLoader.load({ path: 'tb.doc', bytes });
    expect(out.documents[0]?.text).toContain('Chủ tịch UBND tiếp công dân vào thứ Năm hằng tuần.');
    expect(out.problems).toMatchObject([{ code: 'misnamed', severity: 'warning', actualFormat: 'html' }]);
  });

  it('refuses a password-protected file and a damaged one, each with its reason', async () => {
    const locked = await docLoader.load({ path: 'mat.doc', bytes: makeDoc(['Tài liệu mật'], { encrypted: true }) });
    expect(locked).toMatchObject({ documents: [], problems: [{ code: 'encrypted', severity: 'error' }] });
    const damaged = makeDoc(['Kế hoạch']).subarray(0, 1500);
    expect(await docLoader.load({ path: 'hong.doc', bytes: damaged })).toMatchObject({ documents: [], problems: [{ code: 'corrupt', severity: 'error' }] });
    expect(await docLoader.load({ path: 'rac.doc', bytes: Buffer.from('không phải tệp Word') })).toMatchObject({ documents: [], problems: [{ code: 'corrupt' }] });
  });
});

describe('sheetLoader', () => {
  const expectProcedures = (out: Awaited<ReturnType<ReturnType<typeof sheetLoader>['load']>>) => {
    expect(out.problems).toEqual([]);
    const [doc] = out.documents;
    expect(doc?.title).toBe(PROCEDURES.title);
    expect(doc?.extraction).toEqual({ sheets: 1, rows: 3 });
    expect(doc?.parts?.map((p) => [p.unit?.locator, p.text])).toEqual([
      ['Trang tính Thủ tục, dòng 3', 'STT: 1; Tên thủ tục: Đăng ký khai sinh; Thời hạn giải quyết: Ngay trong ngày làm việc; Lệ phí: Miễn lệ phí; Cơ quan thực hiện: UBND cấp xã'],
      ['Trang tính Thủ tục, dòng 4', 'STT: 2; Tên thủ tục: Đăng ký kết hôn; Thời hạn giải quyết: 05 ngày làm việc; Lệ phí: 30.000 đồng; Cơ quan thực hiện: UBND cấp xã'],
      ['Trang tính Thủ tục, dòng 5', 'STT: 3; Tên thủ tục: Chứng thực bản sao từ bản chính; Thời hạn giải quyết: Trong ngày; Lệ phí: 2.000 đồng/trang'],
    ]);
    expect(doc?.parts?.[0]?.unit?.headingPath).toEqual(['Thủ tục', PROCEDURES.title]);
  };

  it('turns each row of an .xlsx into "Header: value; …" cited as "Trang tính X, dòng N"', async () => {
    expectProcedures(await sheetLoader('xlsx').load({ path: 'tt.xlsx', bytes: await makeXlsx([PROCEDURES]) }));
  });

  it('reads .xls (Excel 97) and .ods the same way', async () => {
    expectProcedures(await sheetLoader('xls').load({ path: 'tt.xls', bytes: makeSheetFile([PROCEDURES], 'xls') }));
    expectProcedures(await sheetLoader('ods').load({ path: 'tt.ods', bytes: makeSheetFile([PROCEDURES], 'ods') }));
  });

  it('repeats a merged group cell on every row it covers', async () => {
    const spec: SheetSpec = { name: 'TTHC', rows: [['Lĩnh vực', 'Tên thủ tục'], ['Hộ tịch', 'Đăng ký khai tử'], [null, 'Đăng ký giám hộ']] };
    const bytes = await makeXlsx([spec]);
    // Merge A2:A3 the way Excel stores it.
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
    book.getWorksheet('TTHC')?.mergeCells('A2:A3');
    const merged = Buffer.from(await book.xlsx.writeBuffer());
    const out = await sheetLoader('xlsx').load({ path: 'tthc.xlsx', bytes: merged });
    expect(out.documents[0]?.parts?.map((p) => p.text)).toEqual(['Lĩnh vực: Hộ tịch; Tên thủ tục: Đăng ký khai tử', 'Lĩnh vực: Hộ tịch; Tên thủ tục: Đăng ký giám hộ']);
  });

  it('reads a 5,000-row sheet up to maxSheetRows and says at which row it stopped', async () => {
    const rows: SheetSpec['rows'] = [['Mã hồ sơ', 'Người nộp', 'Trạng thái']];
    for (let i = 1; i <= 5000; i++) rows.push([`HS-${i}`, `Công dân số ${i}`, i % 2 === 0 ? 'Đã trả kết quả' : 'Đang giải quyết']);
    const started = performance.now();
    const out = await sheetLoader('xlsx').load({ path: 'ho-so.xlsx', bytes: await makeXlsx([{ name: 'Hồ sơ', rows }]), limits: ingestLimits({ maxSheetRows: 2000 }) });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(out.documents[0]?.parts).toHaveLength(2000);
    expect(out.documents[0]?.parts?.at(-1)?.unit?.locator).toBe('Trang tính Hồ sơ, dòng 2001');
    expect(out.problems).toMatchObject([{ code: 'truncated', severity: 'warning', stoppedAt: 'Trang tính Hồ sơ, dòng 2002', limit: 'maxSheetRows' }]);
  });

  it('refuses a zip bomb, an encrypted workbook and a damaged one, each with its reason', async () => {
    const entries = unzipSync(await makeXlsx([PROCEDURES]));
    const row = '<row><c t="inlineStr"><is><t>Hải Phòng chuyển đổi số</t></is></c></row>';
    entries['xl/worksheets/sheet1.xml'] = new TextEncoder().encode(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(60_000)}</sheetData></worksheet>`);
    const bomb = Buffer.from(zipSync(entries, { level: 9 }));
    const limits = ingestLimits({ maxArchiveBytes: 1024 * 1024 });
    expect(await sheetLoader('xlsx').load({ path: 'bom.xlsx', bytes: bomb, limits })).toMatchObject({ documents: [], problems: [{ code: 'too-large', severity: 'error' }] });

    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/EncryptionInfo', Buffer.from([4, 0, 4, 0]));
    CFB.utils.cfb_add(container, '/EncryptedPackage', Buffer.alloc(4096, 7));
    const encrypted = Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
    expect(await sheetLoader('xlsx').load({ path: 'mat.xlsx', bytes: encrypted })).toMatchObject({ documents: [], problems: [{ code: 'encrypted' }] });

    const truncated = (await makeXlsx([PROCEDURES])).subarray(0, 900);
    expect(await sheetLoader('xlsx').load({ path: 'hong.xlsx', bytes: truncated })).toMatchObject({ documents: [], problems: [{ code: 'corrupt' }] });
  });
});

describe('odtLoader and rtfLoader', () => {
  it('reads headings and paragraphs of an .odt', async () => {
    const out = await odtLoader.load({ path: 'kh.odt', bytes: await makeOdt(['# Kế hoạch chuyển đổi số năm 2024', 'Thành phố phấn đấu 100% dịch vụ công trực tuyến toàn trình.']) });
    expect(out).toEqual({ documents: [{ text: '# Kế hoạch chuyển đổi số năm 2024\n\nThành phố phấn đấu 100% dịch vụ công trực tuyến toàn trình.' }], problems: [] });
  });

  it('reads an .rtf saved by Word with Unicode escapes and the Vietnamese code page', async () => {
    const out = await rtfLoader.load({ path: 'cv.rtf', bytes: makeRtf(['CÔNG VĂN', 'Về việc tổ chức tiếp công dân định kỳ tháng 6 {năm 2024}']) });
    expect(out).toEqual({ documents: [{ text: 'CÔNG VĂN\n\nVề việc tổ chức tiếp công dân định kỳ tháng 6 {năm 2024}' }], problems: [] });
    const cp1258 = Buffer.concat([Buffer.from("{\\rtf1\\ansi\\ansicpg1258 Th\\'f4ng b\\'e1o}", 'latin1')]);
    expect((await rtfLoader.load({ path: 'tb.rtf', bytes: cp1258 })).documents[0]?.text.normalize('NFC')).toBe('Thông báo');
  });
});
