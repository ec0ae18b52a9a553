import { createHash } from 'node:crypto';
import { analyzeForIndex, findArticleRefs, findDocNumbers, normalizeText } from '../text/index';

// Text that exercises every behaviour of `src/text` the index depends on: tone-mark placement,
// đ/Đ, upper case, numbers and codes, số hiệu, article references.
const PROBE = [
  'Điều 12. Hoà giải tranh chấp đất đai; khoản 2 Điều 20 Luật Thuỷ sản',
  'Nghị quyết số 03-NQ/TU và Nghị định 15/2024/NĐ-CP về chuyển đổi số của TP. Hải Phòng, tăng 27,9%',
  'THỦ TỤC ĐĂNG KÝ KẾT HÔN; thu tuc dang ky ket hon; Quý khách, quỹ đất, ủy ban, uỷ ban',
].join('\n');

let cached: string | undefined;

/**
 * A short hash of how `src/text` analyses a fixed probe text. An index is only valid for the
 * analysis it was tokenised with, so a snapshot records this and is refused when the running code
 * analyses text differently (the text module is free to improve; the index is then rebuilt).
 */
export function analyzerFingerprint(): string {
  if (cached === undefined) {
    const behaviour = JSON.stringify([normalizeText(PROBE), analyzeForIndex(PROBE), findDocNumbers(PROBE), findArticleRefs(PROBE)]);
    cached = createHash('sha256').update(behaviour).digest('hex').slice(0, 16);
  }
  return cached;
}
