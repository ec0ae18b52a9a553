import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` that exists (no 31/02). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((value) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}, 'not a real calendar date');

const text = z.string().trim().min(1);

/** `DocumentMeta` as it may be written by hand (sidecar) or carried by a `.jsonl` record. */
export const documentMetaSchema = z.strictObject({
  docNumber: text.optional(),
  issuedDate: isoDateSchema.optional(),
  issuer: text.optional(),
  docType: text.optional(),
  inForce: z.boolean().optional(),
  sourceUrl: text.optional(),
});

/** The sidecar `<file>.meta.json`: metadata, plus the document's `id` and `title` if set by hand. */
export const sidecarSchema = documentMetaSchema.extend({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug such as "nghi-quyet-03-nq-tu"').optional(),
  title: text.optional(),
});

export type Sidecar = z.infer<typeof sidecarSchema>;

/** zod issues as one English line: "issuedDate: expected YYYY-MM-DD; foo: unrecognized key". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
