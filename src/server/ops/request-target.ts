/** Why a request target is refused before routing, or undefined when it is fine. */
export type TargetProblem = { status: 400; code: 'BadRequest'; message: string } | { status: 404; code: 'NotFound'; message: string };

/**
 * Checks the path of a request target before the router sees it. The router (find-my-way) cuts a
 * path at `;` as if a query started there and decodes percent-escapes, so `/admin;x/reindex` would
 * be routed as `/admin`; none of our URLs has a raw `;` (ids in links are percent-encoded), so such
 * a path is refused outright rather than read two ways. A path whose percent-escapes do not decode
 * (`%FF`, `%zz`) is a client error, said so here once for every route.
 */
export function checkRequestTarget(url: string | undefined): TargetProblem | undefined {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  if (path.includes(';')) return { status: 404, code: 'NotFound', message: 'No resource has a ";" in its path.' };
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, code: 'BadRequest', message: 'The path has a malformed percent-encoding (each "%" must be followed by two hex digits of valid UTF-8).' };
  }
  return undefined;
}
