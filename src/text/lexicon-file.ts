import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../config/errors';

/**
 * Reads one of the reviewable lexicon files of `src/text/lexicon/`: UTF-8, tab-separated, a header
 * line naming the columns, "#" lines and blank lines ignored. Every row is checked against `row`;
 * a bad row fails with the file and line, so a broken edit is caught at start-up, not at a query.
 */
export function readLexiconFile<T>({ url, row }: { url: URL; row: z.ZodType<T> }): T[] {
  const path = url.pathname;
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `Lexicon file ${path} cannot be read. Restore it from the repository.`, { cause });
  }
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const content = lines.map((line, i) => ({ line, number: i + 1 })).filter(({ line }) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...rows] = content;
  if (header === undefined) throw new AppError('CONFIG_INVALID', `Lexicon file ${path} is empty: expected a header line of tab-separated column names.`);
  const columns = header.line.split('\t').map((c) => c.trim());
  return rows.map(({ line, number }) => {
    const cells = line.split('\t').map((c) => c.trim());
    const record = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    const parsed = row.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('CONFIG_INVALID', `Lexicon file ${path}, line ${number}: column "${String(issue?.path[0] ?? '?')}" ${issue?.message ?? 'is invalid'}; expected the columns ${columns.join(', ')} separated by tabs.`);
    }
    return parsed.data;
  });
}
