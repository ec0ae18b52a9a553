import { foldDiacritics } from '../text/index';

/**
 * A stable, URL-safe id from a name or relative path: accent-folded, lower-case, runs of anything
 * else turned into one `-` ("Văn bản/Nghị quyết 03.pdf" → "van-ban-nghi-quyet-03").
 */
export function slugify(value: string): string {
  return foldDiacritics(value.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The id of a file's document: the slug of its relative path without the extension. */
export function documentIdFromPath(relativePath: string): string {
  const withoutExtension = relativePath.replace(/\.[^./]+$/, '');
  return slugify(withoutExtension) || 'tai-lieu';
}
