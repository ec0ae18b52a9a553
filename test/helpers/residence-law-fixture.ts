import type { Chunk } from '../../src/chunk/types';
import type { DocumentView } from '../../src/app/document-source';

/** Articles 20 and 22 of Luật Cư trú 2020 (68/2020/QH14), abridged, as the document viewer's fixture. */
const TEXT = `LUẬT CƯ TRÚ

Chương III. ĐĂNG KÝ CƯ TRÚ

Điều 20. Điều kiện đăng ký thường trú

1. Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó.

2. Công dân được đăng ký thường trú tại chỗ ở hợp pháp không thuộc quyền sở hữu của mình khi được chủ hộ và chủ sở hữu chỗ ở hợp pháp đó đồng ý trong các trường hợp sau đây: vợ về ở với chồng; chồng về ở với vợ; con về ở với cha, mẹ; cha, mẹ về ở với con.

Điều 22. Thủ tục đăng ký thường trú

1. Người đăng ký thường trú nộp hồ sơ đăng ký thường trú đến cơ quan đăng ký cư trú nơi mình cư trú.

2. Khi tiếp nhận hồ sơ đăng ký thường trú, cơ quan đăng ký cư trú kiểm tra và cấp phiếu tiếp nhận hồ sơ cho người đăng ký; trường hợp hồ sơ chưa đầy đủ thì hướng dẫn người đăng ký bổ sung hồ sơ.

3. Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định, cập nhật thông tin về nơi thường trú mới của người đăng ký vào Cơ sở dữ liệu về cư trú và thông báo cho người đăng ký về việc đã cập nhật thông tin đăng ký thường trú; trường hợp từ chối đăng ký thì phải trả lời bằng văn bản và nêu rõ lý do.
`;

/** The document and one chunk per khoản, offsets found in the text (so they are right by construction). */
export function residenceLaw(): { doc: DocumentView; chunks: Chunk[] } {
  const doc: DocumentView = {
    id: 'luat-cu-tru-2020',
    title: 'Luật Cư trú',
    meta: { docNumber: '68/2020/QH14', issuedDate: '2020-11-13', issuer: 'Quốc hội', docType: 'Luật', inForce: true },
    text: TEXT,
  };
  const chunks: Chunk[] = [];
  let article = '';
  let heading = '';
  const lines = TEXT.split('\n');
  let offset = 0;
  for (const line of lines) {
    const articleMatch = /^Điều (\d+)\./.exec(line);
    const clauseMatch = /^(\d+)\. /.exec(line);
    if (articleMatch !== null) {
      article = articleMatch[1] ?? '';
      heading = line;
    } else if (clauseMatch !== null && article !== '') {
      const clause = clauseMatch[1] ?? '';
      chunks.push({
        id: `${doc.id}#dieu-${article}-khoan-${clause}-0`,
        docId: doc.id,
        ordinal: chunks.length,
        locator: `Điều ${article}, khoản ${clause}`,
        headingPath: ['Chương III. ĐĂNG KÝ CƯ TRÚ', heading],
        text: `${heading}\n${line}`,
        start: offset,
        end: offset + line.length,
        kind: 'legal',
      });
    }
    offset += line.length + 1;
  }
  return { doc, chunks };
}
