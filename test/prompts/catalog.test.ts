import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/config/errors';
import { loadPrompts } from '../../src/prompts/catalog';

function promptsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'troly-prompts-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('loadPrompts', () => {
  it('fills placeholders in Vietnamese templates', () => {
    const prompts = loadPrompts({ dir: promptsDir({ 'a.json': JSON.stringify({ 'x.found': 'Tìm thấy {count} văn bản' }) }) });
    expect(prompts.format('x.found', { count: 3 })).toBe('Tìm thấy 3 văn bản');
  });

  it('fails on an unknown key or a missing placeholder value', () => {
    const prompts = loadPrompts({ dir: promptsDir({ 'a.json': JSON.stringify({ 'x.found': 'Tìm thấy {count} văn bản' }) }) });
    expect(() => prompts.format('x.nope')).toThrowError(/x\.nope/);
    expect(() => prompts.format('x.found')).toThrowError(/\{count\}/);
  });

  it('reports every invalid file and duplicate key at start-up', () => {
    const dir = promptsDir({ 'a.json': '{"k": "một"}', 'b.json': '{"k": "hai"}', 'c.json': '{not json', 'd.json': '{"e": ""}' });
    try {
      loadPrompts({ dir });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'PROMPTS_INVALID')).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('defined twice');
      expect(message).toContain('c.json');
      expect(message).toContain('d.json');
    }
  });

  it('lists all missing keys when a module requires its texts', () => {
    const prompts = loadPrompts({ dir: promptsDir({ 'a.json': '{"a": "A"}' }) });
    expect(() => prompts.require(['a', 'b', 'c'])).toThrowError(/b, c/);
  });

  it('loads Markdown templates by name and normalises text to NFC', () => {
    const prompts = loadPrompts({ dir: promptsDir({ 's.md': 'Hoa\u0300 bi\u0300nh', 'a.json': '{"a":"Thu\u0309y"}' }) });
    expect(prompts.template('s')).toBe('Hoà bình'.normalize('NFC'));
    expect(prompts.format('a')).toBe('Thủy');
  });

  it('loads the project prompts folder without problems', () => {
    const prompts = loadPrompts({ dir: resolve(__dirname, '../../prompts') });
    expect(prompts.has('cli.description')).toBe(true);
  });
});
