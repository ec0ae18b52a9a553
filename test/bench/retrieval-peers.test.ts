import { describe, expect, it } from 'vitest';
import type { LexicalEntry } from '../../src/index/lexical-index';
import { flexSearchPeer, miniSearchPeer, oramaPeer, vietnameseTokens, type PeerEngine } from '../../bench/retrieval-peers';

const ENTRIES: LexicalEntry[] = [
  { chunkId: 'hon-nhan#dieu-8', heading: 'Luật Hôn nhân và gia đình\nĐiều 8. Điều kiện kết hôn', text: 'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện quyết định.' },
  { chunkId: 'cu-tru#dieu-20', heading: 'Luật Cư trú\nĐiều 20. Điều kiện đăng ký thường trú', text: 'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó.' },
  { chunkId: 'cu-tru#dieu-27', heading: 'Luật Cư trú\nĐiều 27. Điều kiện đăng ký tạm trú', text: 'Công dân đến sinh sống tại chỗ ở hợp pháp ngoài phạm vi đơn vị hành chính cấp xã nơi đã đăng ký thường trú để lao động, học tập.' },
];

const peers: Array<[string, () => PeerEngine]> = [
  ['MiniSearch', () => miniSearchPeer({ ourTokenizer: true })],
  ['FlexSearch', () => flexSearchPeer({ ourTokenizer: true })],
  ['Orama', () => oramaPeer({ ourTokenizer: true })],
];

describe('vietnameseTokens', () => {
  it('gives accent-free syllables and bigrams, the same for a question typed with or without diacritics', () => {
    expect(vietnameseTokens('Điều kiện kết hôn')).toEqual(['dieu', 'kien', 'ket', 'hon', 'dieu_kien', 'kien_ket', 'ket_hon']);
    expect(vietnameseTokens('dieu kien ket hon')).toEqual(vietnameseTokens('Điều kiện kết hôn'));
  });
});

describe('search library peers with our tokenizer', () => {
  it.each(peers)('%s finds the article for a question typed without diacritics', async (_name, make) => {
    const peer = make();
    await peer.build(ENTRIES);
    expect((await peer.search('dieu kien dang ky tam tru', 3))[0]).toBe('cu-tru#dieu-27');
    expect((await peer.search('Điều kiện kết hôn của nam và nữ', 3))[0]).toBe('hon-nhan#dieu-8');
  });

  it('MiniSearch with its default tokenizer cannot match an accent-free question to accented text', async () => {
    const peer = miniSearchPeer({ ourTokenizer: false });
    await peer.build(ENTRIES);
    expect(await peer.search('ket hon tu nguyen', 3)).toEqual([]);
    expect((await peer.search('kết hôn tự nguyện', 3))[0]).toBe('hon-nhan#dieu-8');
  });
});
