import { loadConfig } from '../src/config/config';
import { BENCH_SETS, ensureSetSnapshot } from './retrieval-sets';
const config = loadConfig();
for (const name of BENCH_SETS) {
  const t = Date.now();
  const r = await ensureSetSnapshot({ name, cacheDir: '/tmp/troly-retrieval-cache', tunables: config.tunables, log: (l) => process.stderr.write(l + '\n') });
  process.stderr.write(`${name} ${r.dataDir} built=${r.built} ${Date.now() - t} ms\n`);
}
