import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readLexiconFile } from '../../src/text/lexicon-file';
import { queryLexicons } from '../../src/text/query-lexicons';

function file(text: string): URL {
  const path = join(mkdtempSync(join(tmpdir(), 'troly-lexicon-')), 'x.tsv');
  writeFileSync(path, text);
  return pathToFileURL(path);
}

describe('readLexiconFile', () => {
  const row = z.object({ everyday: z.string().min(1, 'is empty'), legal: z.string().min(1, 'is empty') });

  it('reads tab-separated rows under a header, skipping comments and blank lines', () => {
    expect(readLexiconFile({ url: file('# comment\neveryday\tlegal\n\nsổ đỏ\tgiấy chứng nhận\n'), row })).toEqual([{ everyday: 'sổ đỏ', legal: 'giấy chứng nhận' }]);
  });

  it('names the file, line and column of a bad row', () => {
    expect(() => readLexiconFile({ url: file('everyday\tlegal\nsổ đỏ\tgiấy chứng nhận\nbỏ nhau\n'), row })).toThrow(/x\.tsv, line 3: column "legal" is empty/);
  });
});

describe('queryLexicons', () => {
  it('loads the shipped lexicons, each entry well-formed', () => {
    const lex = queryLexicons();
    expect(lex.chatCode.get('ko')?.meaning).toBe('không');
    expect(lex.abbreviations.matches(['ubnd']).map((m) => m.entry.value.full)).toEqual(['ủy ban nhân dân']);
    expect(lex.abbreviations.matches(['uy', 'ban', 'nhan', 'dan']).map((m) => m.entry.value.direction)).toEqual(['abbreviate']);
    expect(lex.everyday.matches(['so', 'do']).map((m) => m.entry.value.legal)).toEqual(['giấy chứng nhận quyền sử dụng đất']);
    expect(lex.scaffolding.matches(['dung', 'hay', 'sai']).length).toBe(1);
  });
});
