/** One instruction of a Dockerfile: `COPY --from=build a b` → { op: 'COPY', flags: { from: 'build' }, args: ['a', 'b'] }. */
export interface DockerInstruction {
  op: string;
  flags: Record<string, string>;
  args: string[];
  /** The text after the instruction (and its flags), as written. */
  raw: string;
}

export interface DockerStage {
  name: string | undefined;
  base: string;
  instructions: DockerInstruction[];
}

/**
 * A small Dockerfile reader for checks (not a full parser): joins `\` continuations, drops
 * comments, splits stages at FROM, substitutes global ARG defaults in FROM, reads `--flag=value`
 * flags, and takes JSON arrays (exec form) as arguments.
 */
export function parseDockerfile(text: string): { args: Record<string, string>; stages: DockerStage[] } {
  const logical: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) && current === '') continue;
    if (line.trimEnd().endsWith('\\')) {
      current += `${line.trimEnd().slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim());
    current = '';
  }
  const args: Record<string, string> = {};
  const stages: DockerStage[] = [];
  for (const line of logical) {
    const [, op = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = rest.split('=');
      args[name] = value;
      continue;
    }
    if (upper === 'FROM') {
      const [image = '', as, name] = rest.replace(/\$\{(\w+)\}/g, (_, key: string) => args[key] ?? '').split(/\s+/);
      stages.push({ name: as?.toUpperCase() === 'AS' ? name : undefined, base: image, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`instruction before FROM: ${line}`);
    const flags: Record<string, string> = {};
    let body = rest;
    for (let flag = /^--(\w[\w-]*)=(\S+)\s*/.exec(body); flag !== null; flag = /^--(\w[\w-]*)=(\S+)\s*/.exec(body)) {
      flags[flag[1] ?? ''] = flag[2] ?? '';
      body = body.slice(flag[0].length);
    }
    const exec = body.startsWith('[') ? (JSON.parse(body) as string[]) : undefined;
    stage.instructions.push({ op: upper, flags, args: exec ?? body.split(/\s+/).filter((a) => a !== ''), raw: body });
  }
  return { args, stages };
}

/** `ENV A=1 B=2` instructions of a stage, merged. */
export function stageEnv(stage: DockerStage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions.filter((i) => i.op === 'ENV')) {
    for (const pair of instruction.args) {
      const [key = '', ...value] = pair.split('=');
      env[key] = value.join('=');
    }
  }
  return env;
}
