import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from './errors';
import { DEFAULT_TUNABLES, type Tunables } from './tunables';

/**
 * The configuration, parsed once at start-up from an injectable source (`process.env` by default).
 * This is the only module that reads the environment. Empty strings count as unset; every problem
 * is reported at once; the result is frozen. Secrets are kept here and never logged: use
 * `redactConfig()` to print the configuration.
 */
/** The project folder (where package.json, prompts/ and knowledge/ live). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const optionalString = z.string().min(1).optional();
const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment setting with its default (deploy/.env.example is generated from it: `npm run env:example`). */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  TROLY_HOST: optionalString,
  TROLY_DATA_DIR: z.string().min(1).default('data'),
  TROLY_KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
  TROLY_PROMPTS_DIR: z.string().min(1).default(resolve(PROJECT_ROOT, 'prompts')),
  TROLY_MODELS_DIR: z.string().min(1).default('models'),
  TROLY_EMBEDDING_MODEL: z.string().min(1).default('Xenova/multilingual-e5-small'),
  TROLY_EMBEDDING_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16']).default('q8'),
  TROLY_STATE_SYNC: z.enum(['normal', 'full']).default('normal'),
  TROLY_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a PostgreSQL URL: postgres://user:password@host:5432/database (unset: SQLite in TROLY_DATA_DIR)')
    .optional(),
  TROLY_DIRECTLINE_SECRET: optionalString,
  TROLY_ADMIN_TOKEN: optionalString,
  TROLY_PUBLIC_URL: optionalString,
  TROLY_CORS_ORIGINS: optionalString,
  TROLY_TRUST_PROXY: boolFromEnv.default(false),
  TROLY_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TROLY_LOG_QUESTIONS: boolFromEnv.default(false),
  TROLY_WATCH: boolFromEnv.default(false),
  TROLY_LLM_URL: z.url().optional(),
  TROLY_LLM_MODEL: optionalString,
  TROLY_LLM_API_KEY: optionalString,
  TROLY_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  TROLY_BOT_OPENID_METADATA_URL: z.url().optional(),
});

export interface Config {
  readonly port: number;
  /** Interface to listen on; defaults to 127.0.0.1 when no Bot Framework app id is set (local mode). */
  readonly host: string;
  readonly dataDir: string;
  readonly knowledgeDir: string;
  readonly promptsDir: string;
  readonly modelsDir: string;
  readonly embedding: { readonly modelId: string; readonly dtype: string };
  /** PostgreSQL for the shared state of several replicas; undefined: SQLite in the data folder (one process). */
  readonly databaseUrl: string | undefined;
  /**
   * How the SQLite state file (WAL) reaches the disk: `normal` syncs at checkpoints (a power cut may
   * lose the last moments; a crash of the process loses nothing), `full` syncs every write.
   */
  readonly stateSync: 'normal' | 'full';
  readonly directLineSecret: string | undefined;
  readonly adminToken: string | undefined;
  readonly publicUrl: string | undefined;
  /** Origins (scheme://host[:port]) whose pages may call the API from the browser (CORS); none by default: same origin only. */
  readonly corsOrigins: readonly string[];
  /** Take the client address from X-Real-IP / X-Forwarded-For (set by the reverse proxy) for rate limits and logs. */
  readonly trustProxy: boolean;
  /** Reindex in the background when the knowledge folder changes (`troly serve --watch`). */
  readonly watch: boolean;
  readonly log: { readonly level: 'debug' | 'info' | 'warn' | 'error' | 'silent'; readonly questions: boolean };
  readonly llm: { readonly url: string; readonly model: string; readonly apiKey: string | undefined; readonly timeoutMs: number } | undefined;
  readonly bot: {
    readonly appId: string | undefined;
    readonly appPassword: string | undefined;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId: string | undefined;
    /** Where channel tokens' signing keys are published (OpenID metadata); Bot Framework's public one when unset. */
    readonly openIdMetadataUrl: string | undefined;
  };
  readonly tunables: Readonly<Tunables>;
}

export type Env = Record<string, string | undefined>;

/** `bm25K1` → `TROLY_BM25_K1`. */
export function tunableEnvName(name: string): string {
  return `TROLY_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

function parseTunables(env: Env, problems: string[]): Tunables {
  const tunables = { ...DEFAULT_TUNABLES } as Tunables;
  for (const [name, fallback] of Object.entries(DEFAULT_TUNABLES)) {
    const envName = tunableEnvName(name);
    const raw = env[envName];
    if (raw === undefined) continue;
    if (typeof fallback === 'number') {
      const value = Number(raw);
      if (!Number.isFinite(value)) problems.push(`${envName}: expected a number, got "${raw}"`);
      else (tunables as Record<string, unknown>)[name] = value;
    } else if (name === 'fusionMethod') {
      if (raw !== 'weighted' && raw !== 'rrf') problems.push(`${envName}: expected "weighted" or "rrf", got "${raw}"`);
      else tunables.fusionMethod = raw;
    }
  }
  return tunables;
}

/** `TROLY_CORS_ORIGINS`: comma-separated origins such as `https://congchuc.haiphong.gov.vn`; `*` is refused (the API is not public). */
function parseOrigins(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return [];
  const origins: string[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== item.replace(/\/+$/, '')) {
      problems.push(`TROLY_CORS_ORIGINS: expected comma-separated origins like "https://portal.example.gov.vn" (scheme, host, optional port; no path, no "*"), got "${item}"`);
    } else origins.push(url.origin);
  }
  return origins;
}

export function loadConfig({ env = process.env, overrides = {} }: { env?: Env; overrides?: Env } = {}): Config {
  const source: Env = {};
  for (const [key, value] of Object.entries({ ...env, ...overrides })) {
    if (value !== undefined && value.trim() !== '') source[key] = value.trim();
  }
  const problems: string[] = [];
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const tunables = parseTunables(source, problems);
  const corsOrigins = parseOrigins(source.TROLY_CORS_ORIGINS, problems);
  if (source.TROLY_LLM_URL !== undefined && source.TROLY_LLM_MODEL === undefined) {
    problems.push('TROLY_LLM_MODEL: required when TROLY_LLM_URL is set (the model name the endpoint serves)');
  }
  if (!parsed.success || problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n- ${problems.join('\n- ')}\nFix these environment variables (see deploy/.env.example).`);
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.TROLY_HOST ?? (e.MicrosoftAppId === undefined ? '127.0.0.1' : '0.0.0.0'),
    dataDir: resolve(e.TROLY_DATA_DIR),
    knowledgeDir: resolve(e.TROLY_KNOWLEDGE_DIR),
    promptsDir: resolve(e.TROLY_PROMPTS_DIR),
    modelsDir: resolve(e.TROLY_MODELS_DIR),
    embedding: { modelId: e.TROLY_EMBEDDING_MODEL, dtype: e.TROLY_EMBEDDING_DTYPE },
    databaseUrl: e.TROLY_DATABASE_URL,
    stateSync: e.TROLY_STATE_SYNC,
    directLineSecret: e.TROLY_DIRECTLINE_SECRET,
    adminToken: e.TROLY_ADMIN_TOKEN,
    publicUrl: e.TROLY_PUBLIC_URL,
    corsOrigins,
    trustProxy: e.TROLY_TRUST_PROXY,
    watch: e.TROLY_WATCH,
    log: { level: e.TROLY_LOG_LEVEL, questions: e.TROLY_LOG_QUESTIONS },
    llm:
      e.TROLY_LLM_URL === undefined || e.TROLY_LLM_MODEL === undefined
        ? undefined
        : { url: e.TROLY_LLM_URL, model: e.TROLY_LLM_MODEL, apiKey: e.TROLY_LLM_API_KEY, timeoutMs: e.TROLY_LLM_TIMEOUT_MS },
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId, openIdMetadataUrl: e.TROLY_BOT_OPENID_METADATA_URL },
    tunables: Object.freeze(tunables),
  };
  return deepFreeze(config);
}

const SECRET_KEYS = new Set(['databaseUrl', 'directLineSecret', 'adminToken', 'apiKey', 'appPassword']);

/** The configuration with every secret replaced by "***" (or left undefined), safe to log. */
export function redactConfig(config: Config): unknown {
  return JSON.parse(JSON.stringify(config, (key, value: unknown) => (SECRET_KEYS.has(key) && value !== undefined ? '***' : value)));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
