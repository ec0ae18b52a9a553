import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LUAT_CU_TRU_ARTICLES, LUAT_HON_NHAN_ARTICLES } from './law-texts';

/**
 * Writes a small knowledge folder as an admin would fill it: two real laws as Markdown with
 * metadata sidecars (số hiệu, loại, cơ quan), plus a damaged .docx and an empty note that the
 * ingestion report must name.
 */
export function writeLawKnowledge(dir: string, { withBadFiles = true }: { withBadFiles?: boolean } = {}): void {
  mkdirSync(dir, { recursive: true });
  const law = (name: string, title: string, docNumber: string, articles: string) => {
    writeFileSync(join(dir, `${name}.md`), `# ${title}\n\n${articles}`);
    writeFileSync(join(dir, `${name}.md.meta.json`), JSON.stringify({ docNumber, docType: 'Luật', issuer: 'Quốc hội' }));
  };
  law('luat-cu-tru', 'Luật Cư trú', '68/2020/QH14', LUAT_CU_TRU_ARTICLES);
  law('luat-hon-nhan-va-gia-dinh', 'Luật Hôn nhân và gia đình', '52/2014/QH13', LUAT_HON_NHAN_ARTICLES);
  if (withBadFiles) {
    writeFileSync(join(dir, 'bao-cao-quy-1.docx'), 'Đây không phải là tệp Word thật');
    writeFileSync(join(dir, 'ghi-chu.txt'), '   \n');
  }
}
