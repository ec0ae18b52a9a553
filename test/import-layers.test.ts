import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config';

/**
 * The layers of `src/`, lowest first. A module may import its own folder and any lower layer; a
 * folder never imports a folder of its own layer (unless the pair is in MUTUAL) or a higher one.
 * `main` is `src/main.ts`, the composition root: only the CLI above it.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['config'],
  ['text', 'prompts'],
  ['ingest'],
  ['chunk'],
  ['embed'],
  ['index', 'retrieve'],
  ['answer'],
  ['bot', 'state'],
  // The serving pipeline (in-process or a worker pool) and the parts both HTML surfaces share.
  ['app', 'html'],
  // The HTTP server and the admin API are siblings: `main` connects them.
  ['server', 'admin'],
  ['main'],
  ['cli'],
];

/**
 * Same-layer pairs that still import each other, both through types: the chunk store (index)
 * returns retrieve's `DocumentSummary`; the bot's state store opens the state database, whose
 * interface names the bot's `FeedbackStore`.
 */
const MUTUAL: readonly (readonly [string, string])[] = [
  ['index', 'retrieve'],
  ['bot', 'state'],
];

/** Paths (relative to src/, without extension) no module outside their folder may import. */
const PRIVATE: readonly { path: string; except: readonly string[] }[] = [{ path: 'server/web/', except: ['server'] }];

interface ImportEdge {
  /** The importing file, relative to src/. */
  from: string;
  /** The imported module, relative to src/ (no extension). */
  to: string;
}

/** Every relative module specifier in a source text: static, type-only, re-exports, side effects, dynamic imports, worker URLs. */
function moduleSpecifiers(source: string): string[] {
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] ?? '')).filter((s) => s.startsWith('.'));
}

/** The layer unit of a module path relative to src/: its top folder, or `main` for src/main.ts. */
function unitOf(path: string): string {
  const [top, ...rest] = path.split('/');
  return rest.length === 0 ? (top ?? '').replace(/\.[cm]?[jt]s$/, '') : (top ?? '');
}

/** What breaks the layering, as readable lines (empty when none). */
function layeringViolations(edges: readonly ImportEdge[]): string[] {
  const rank = new Map(LAYERS.flatMap((units, i) => units.map((unit) => [unit, i] as const)));
  const mutual = (a: string, b: string) => MUTUAL.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const source = unitOf(from);
    const target = unitOf(to);
    const sourceRank = rank.get(source);
    const targetRank = rank.get(target);
    if (sourceRank === undefined) problems.push(`${from}: src/${source} is in no layer (add it to LAYERS in test/import-layers.test.ts)`);
    else if (targetRank === undefined) problems.push(`${from} imports ${to}: src/${target} is in no layer`);
    else if (source !== target && (targetRank > sourceRank || (targetRank === sourceRank && !mutual(source, target)))) {
      problems.push(`${from} imports ${to}: ${source} (layer ${sourceRank}) may not import ${target} (layer ${targetRank})`);
    }
    for (const { path, except } of PRIVATE) {
      if (`${to}/`.startsWith(path) && !except.includes(source)) problems.push(`${from} imports ${to}: ${path} is private to ${except.join(', ')}`);
    }
  }
  return [...new Set(problems)];
}

/** The import edges of every module under `srcDir` that stay inside it. */
function importEdges(srcDir: string): ImportEdge[] {
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|mts|mjs|js)$/.test(f));
  return files.flatMap((file) =>
    moduleSpecifiers(readFileSync(join(srcDir, file), 'utf8'))
      .map((spec) => relative(srcDir, resolve(srcDir, dirname(file), spec)).split('\\').join('/'))
      .filter((to) => !to.startsWith('..'))
      .map((to) => ({ from: file.split('\\').join('/'), to: posix.normalize(to).replace(/\.[cm]?[jt]s$/, '') })),
  );
}

describe('import layers', () => {
  it('src/ imports run one way: no module imports a later layer, a sibling, or the web pages of the server', () => {
    const edges = importEdges(resolve(PROJECT_ROOT, 'src'));
    // The scan sees the real wiring (a broken scanner finding nothing would pass on its own).
    expect(edges).toContainEqual({ from: 'main.ts', to: 'server/create-server' });
    expect(edges).toContainEqual({ from: 'cli/serve-command.ts', to: 'main' });
    expect(edges).toContainEqual({ from: 'app/answer-pool.ts', to: 'app/answer-pool-boot' });
    expect(layeringViolations(edges)).toEqual([]);
  });

  it('finds the imports of every form: type-only, multi-line, re-exports, side effects, dynamic, worker URLs', () => {
    const source = [
      "import type { A } from '../a/x';",
      'import {',
      '  b,',
      "} from '../b/y';",
      "export { c } from './c';",
      "import './side-effect';",
      "const { d } = await import('../d/z');",
      "const worker = new URL('./worker.mjs', import.meta.url);",
      "import { e } from 'restify';",
    ].join('\n');
    expect(moduleSpecifiers(source).sort()).toEqual(['../a/x', '../b/y', '../d/z', './c', './side-effect', './worker.mjs']);
  });

  it.each([
    [{ from: 'server/create-server.ts', to: 'admin/admin-service' }, /server \(layer 9\) may not import admin \(layer 9\)/],
    [{ from: 'admin/admin-page.ts', to: 'server/web/html' }, /admin \(layer 9\) may not import server|server\/web\/ is private to server/],
    [{ from: 'app/live-pipeline.ts', to: 'server/create-server' }, /app \(layer 8\) may not import server \(layer 9\)/],
    [{ from: 'server/create-server.ts', to: 'main' }, /server \(layer 9\) may not import main \(layer 10\)/],
    [{ from: 'index/build-snapshot.ts', to: 'answer/types' }, /index \(layer 5\) may not import answer \(layer 6\)/],
    [{ from: 'widgets/w.ts', to: 'config/config' }, /src\/widgets is in no layer/],
  ])('refuses %o', (edge, message) => {
    expect(layeringViolations([edge]).join('\n')).toMatch(message);
  });

  it('allows a lower layer, its own folder, and the mutual pairs', () => {
    expect(layeringViolations([
      { from: 'main.ts', to: 'admin/admin-service' },
      { from: 'server/web/web-routes.ts', to: 'server/web/html' },
      { from: 'server/create-server.ts', to: 'html/html' },
      { from: 'index/store.ts', to: 'retrieve/types' },
      { from: 'cli/serve-command.ts', to: 'main' },
    ])).toEqual([]);
  });
});
