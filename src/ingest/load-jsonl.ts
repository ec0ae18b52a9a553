import { z } from 'zod';
import type { LoadedDocument, Loader } from './loader';
import { decodeFile } from './load-text';
import { describeIssues, documentMetaSchema } from './meta-schema';
import { fileError } from './problem';
import type { IngestProblem } from './types';

/** One line of a `.jsonl` knowledge file. */
export const jsonlRecordSchema = z.object({
  id: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1),
  text: z.string().refine((text) => text.trim() !== '', 'must not be empty'),
  meta: documentMetaSchema.optional(),
});

/**
 * JSON Lines: one document per line, `{id, title, text, meta?}`. A line that is not JSON, does not
 * fit the schema or repeats an id is reported by its line number (`file.jsonl#3`); the other lines
 * still import.
 */
export const jsonlLoader: Loader = {
  format: 'jsonl',
  async load(input) {
    const { text, problems } = decodeFile(input);
    if (text === undefined) return { documents: [], problems };
    const documents: LoadedDocument[] = [];
    const out: IngestProblem[] = [...problems];
    const seen = new Set<string>();
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '') return;
      const path = `${input.path}#${index + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (cause) {
        out.push(fileError(path, 'invalid-record', `Line ${index + 1} is not valid JSON (${(cause as Error).message}). Each line must be one JSON object.`));
        return;
      }
      const result = jsonlRecordSchema.safeParse(parsed);
      if (!result.success) {
        out.push(fileError(path, 'invalid-record', `Line ${index + 1} does not fit {id, title, text, meta?}: ${describeIssues(result.error)}.`));
        return;
      }
      const record = result.data;
      if (seen.has(record.id)) {
        out.push(fileError(path, 'invalid-record', `Line ${index + 1} repeats the id "${record.id}" of an earlier line. Give every record its own id.`));
        return;
      }
      seen.add(record.id);
      documents.push({ id: record.id, title: record.title, text: record.text, path, ...(record.meta === undefined ? {} : { meta: record.meta }) });
    });
    return { documents, problems: out };
  },
};
