import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** Every package a source file imports at run time (type-only imports are erased, so they do not count). */
export function runtimePackages(dirs: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const builtins = new Set(builtinModules);
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach((name) => visit(join(path, name)));
    if (!/\.(ts|js|mjs)$/.test(path)) return;
    const text = readFileSync(path, 'utf8');
    const pattern = /(?:^|\n)\s*(import|export)(\s+type)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
    for (const match of text.matchAll(pattern)) {
      if (match[2] !== undefined) continue;
      const specifier = match[3] ?? match[4] ?? match[5] ?? '';
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '')) continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
      if (!found.has(name)) found.set(name, path);
    }
  };
  dirs.forEach(visit);
  return found;
}
