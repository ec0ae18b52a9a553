/**
 * deploy/.env.example, generated from the configuration itself so that it cannot drift: every
 * environment setting of `src/config/config.ts` (with the description below and its default) and
 * every tunable of `src/config/tunables.ts` (with its JSDoc and default). `npm run env:example`
 * rewrites the file; test/deploy checks that the file is what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { envSchema, PROJECT_ROOT, tunableEnvName } from '../src/config/config';
import { DEFAULT_TUNABLES } from '../src/config/tunables';

type SettingName = keyof typeof envSchema.shape;

/** What each setting does, grouped as the file shows them. A setting missing here fails test/deploy. */
export const SETTING_DESCRIPTIONS: Partial<Record<SettingName, { group: string; text: string }>> = {
  PORT: { group: 'Server', text: 'TCP port to listen on (0: any free port).' },
  TROLY_HOST: { group: 'Server', text: 'Interface to listen on. Unset: 127.0.0.1 without a MicrosoftAppId (local mode), 0.0.0.0 with one. Behind a reverse proxy on the same machine keep 127.0.0.1; in Docker use 0.0.0.0 and publish the port on 127.0.0.1 only.' },
  TROLY_PUBLIC_URL: { group: 'Server', text: 'The address people and Bot Framework reach the server at (https://… behind the proxy). Used for document links in answers and the Direct Line streamUrl. Unset: the listen address.' },
  TROLY_TRUST_PROXY: { group: 'Server', text: 'true behind a reverse proxy that sets X-Real-IP / X-Forwarded-For: rate limits and logs then use the client\'s address. Never true when clients reach the server directly (they could forge the header).' },
  TROLY_CORS_ORIGINS: { group: 'Server', text: 'Comma-separated origins (https://portal.example.gov.vn) whose pages may embed the web chat and call Direct Line from the browser. Unset: only this server\'s own pages.' },
  TROLY_WATCH: { group: 'Server', text: 'true: reindex in the background when files in the knowledge folder change.' },
  TROLY_DATA_DIR: { group: 'Folders', text: 'Index snapshots, the SQLite state (conversations, feedback) and the embedding cache. Back it up (deploy/README.md). Relative paths are from the working directory.' },
  TROLY_DATABASE_URL: { group: 'Folders', text: 'PostgreSQL for the replicated mode (postgres://user:password@host:5432/troly): Direct Line conversations, bot state, feedback and reindex jobs shared by every replica, which then also share TROLY_DATA_DIR (deploy/README.md). Unset: SQLite in TROLY_DATA_DIR, one process.' },
  TROLY_STATE_SYNC: { group: 'Folders', text: 'How the SQLite state file reaches the disk: normal (default) syncs at WAL checkpoints, so a power cut may lose the last few seconds of conversations and feedback (a crash of the process loses nothing); full syncs every write, about 5 fsyncs per answer, which costs throughput (deploy/README.md). Not used with TROLY_DATABASE_URL.' },
  TROLY_KNOWLEDGE_DIR: { group: 'Folders', text: 'The documents the assistant answers from (pdf, docx, html, md, txt, jsonl).' },
  TROLY_MODELS_DIR: { group: 'Folders', text: 'Local embedding models (models/<id>/); nothing is downloaded at run time.' },
  TROLY_PROMPTS_DIR: { group: 'Folders', text: 'Vietnamese texts and LLM templates (the default is the installation\'s own prompts/).' },
  TROLY_DIRECTLINE_SECRET: { group: 'Security', text: 'Direct Line secret for clients other than the built-in chat page (it enables POST /v3/directline/tokens/generate). Long and random: openssl rand -base64 48. Unset: the chat page still works.' },
  TROLY_ADMIN_TOKEN: { group: 'Security', text: 'Bearer token of the admin API and page (documents, reindex). Unset: the admin API is off. Long and random: openssl rand -base64 48.' },
  TROLY_LOG_LEVEL: { group: 'Logs', text: 'debug, info, warn, error or silent. Logs are JSON lines on stdout (journald / docker logs).' },
  TROLY_LOG_QUESTIONS: { group: 'Logs', text: 'true to log the text of questions. Off by default because citizens\' personal details appear in questions; only their length is logged.' },
  TROLY_EMBEDDING_MODEL: { group: 'Embedding model', text: 'Model id, a folder under TROLY_MODELS_DIR. Missing model: the assistant serves lexical-only and says so at start-up.' },
  TROLY_EMBEDDING_DTYPE: { group: 'Embedding model', text: 'Weights variant to load: fp32, fp16, q8, int8, uint8, q4, bnb4 or q4f16 (q8 = model_quantized.onnx).' },
  TROLY_LLM_URL: { group: 'Optional LLM', text: 'OpenAI-compatible endpoint (http://llm.internal:8000/v1) that rewrites answers from the cited passages. Unset: extractive answers only (offline, the default).' },
  TROLY_LLM_MODEL: { group: 'Optional LLM', text: 'Model name the endpoint serves; required with TROLY_LLM_URL.' },
  TROLY_LLM_API_KEY: { group: 'Optional LLM', text: 'API key for the endpoint, if it needs one.' },
  TROLY_LLM_TIMEOUT_MS: { group: 'Optional LLM', text: 'Longest wait for the LLM, in ms; then the extractive answer is used.' },
  MicrosoftAppId: { group: 'Bot Framework (Teams)', text: 'The Azure Bot registration\'s app id. Unset: local mode, /api/messages is UNAUTHENTICATED (Bot Framework Emulator only).' },
  MicrosoftAppPassword: { group: 'Bot Framework (Teams)', text: 'The app registration\'s client secret (not needed for UserAssignedMSI).' },
  MicrosoftAppType: { group: 'Bot Framework (Teams)', text: 'MultiTenant, SingleTenant or UserAssignedMSI, as chosen in the Azure Bot registration.' },
  MicrosoftAppTenantId: { group: 'Bot Framework (Teams)', text: 'The Microsoft Entra tenant id; required for SingleTenant and UserAssignedMSI.' },
  TROLY_BOT_OPENID_METADATA_URL: { group: 'Bot Framework (Teams)', text: 'Where channel tokens\' signing keys are published. Unset: Bot Framework\'s public cloud (login.botframework.com). Only for tests and special clouds.' },
};

/** Tunables' JSDoc, read from the source (the one place it is written). */
function tunableDocs(): Map<string, { section: string; doc: string }> {
  const source = readFileSync(resolve(PROJECT_ROOT, 'src/config/tunables.ts'), 'utf8');
  const docs = new Map<string, { section: string; doc: string }>();
  let section = '';
  let comment: string[] = [];
  let inComment = false;
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    const header = /^\/\/ --- (.+) ---$/.exec(trimmed);
    if (header !== null) section = header[1] ?? '';
    if (trimmed.startsWith('/**')) {
      inComment = true;
      comment = [];
    }
    if (inComment) {
      comment.push(trimmed.replace(/^\/\*\*\s?|\s?\*\/$|^\*\s?/g, '').trim());
      if (trimmed.endsWith('*/')) inComment = false;
      continue;
    }
    const entry = /^([a-zA-Z0-9]+):/.exec(trimmed);
    if (entry !== null && line.startsWith('  ') && !line.startsWith('   ')) {
      docs.set(entry[1] ?? '', { section, doc: comment.filter((c) => c !== '').join(' ') });
      comment = [];
    }
  }
  return docs;
}

function display(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string' && isAbsolute(value) && value.startsWith(PROJECT_ROOT)) return relative(PROJECT_ROOT, value);
  return String(value);
}

/** Wraps a description into `# ` lines of at most ~100 characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > 100 && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

export function renderEnvExample(): string {
  const defaults = envSchema.parse({}) as Record<string, unknown>;
  const out = [
    '# Trợ lý ảo: every setting, with its default. GENERATED by `npm run env:example` from',
    '# src/config/config.ts and src/config/tunables.ts; do not edit by hand (test/deploy checks it).',
    '# Copy to deploy/.env (Docker) or /etc/troly/troly.env (systemd), then uncomment and set what you',
    '# change. Empty values count as unset. Values here are the defaults.',
  ];
  const groups = new Map<string, SettingName[]>();
  for (const name of Object.keys(envSchema.shape) as SettingName[]) {
    const group = SETTING_DESCRIPTIONS[name]?.group ?? 'Undocumented';
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  for (const [group, names] of groups) {
    out.push('', `# ===== ${group} =====`);
    for (const name of names) {
      const value = display(defaults[name]);
      out.push('', ...comment(`${SETTING_DESCRIPTIONS[name]?.text ?? 'NO DESCRIPTION: add one in scripts/env-example.ts.'} Default: ${value === '' ? '(unset)' : value}`), `#${name}=${value}`);
    }
  }
  out.push('', '# ===== Tunables (TROLY_<NAME>; meaning, range and default from src/config/tunables.ts) =====');
  const docs = tunableDocs();
  let section = '';
  for (const [name, value] of Object.entries(DEFAULT_TUNABLES)) {
    const doc = docs.get(name);
    if (doc !== undefined && doc.section !== section) {
      section = doc.section;
      out.push('', `# --- ${section} ---`);
    }
    out.push('', ...comment(`${doc?.doc || 'NO JSDOC in src/config/tunables.ts.'} Default: ${String(value)}`), `#${tunableEnvName(name)}=${String(value)}`);
  }
  return `${out.join('\n')}\n`;
}

export const ENV_EXAMPLE_PATH = resolve(PROJECT_ROOT, 'deploy/.env.example');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(ENV_EXAMPLE_PATH, renderEnvExample());
  process.stdout.write(`wrote ${ENV_EXAMPLE_PATH}\n`);
}
