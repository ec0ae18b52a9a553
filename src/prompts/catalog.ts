import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../config/errors';

/**
 * Every Vietnamese text a user reads lives in `prompts/*.json` (flat maps of key → template) or in
 * `prompts/*.md` (long templates such as the LLM system prompt). Templates use `{name}` placeholders.
 * The catalogue is loaded once at start-up; each part of the code declares the keys it needs with
 * `require()`, so a missing text fails at start-up, not in front of a user.
 */
export interface PromptCatalog {
  /** Fills the template `key` with `vars`; throws PROMPT_MISSING for an unknown key or placeholder. */
  format(key: string, vars?: Record<string, string | number>): string;
  /** The raw template of a `.md` prompt file, by its base name (e.g. `llm-system`). */
  template(name: string): string;
  has(key: string): boolean;
  /** Throws PROMPTS_INVALID listing every key of `keys` that no prompt file defines. */
  require(keys: readonly string[]): void;
}

const messagesSchema = z.record(z.string(), z.string().min(1));

const PLACEHOLDER = /\{(\w+)\}/g;

export function loadPrompts({ dir }: { dir: string }): PromptCatalog {
  const messages = new Map<string, string>();
  const templates = new Map<string, string>();
  const problems: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch (cause) {
    throw new AppError('PROMPTS_INVALID', `Cannot read the prompts folder ${dir}. Run from the project root or set TROLY_PROMPTS_DIR.`, { cause });
  }
  for (const file of files) {
    const path = join(dir, file);
    if (file.endsWith('.json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
      } catch (cause) {
        problems.push(`${file}: not valid JSON (${(cause as Error).message})`);
        continue;
      }
      const result = messagesSchema.safeParse(parsed);
      if (!result.success) {
        problems.push(`${file}: expected an object of non-empty strings (${result.error.issues.map((i) => i.path.join('.')).join(', ')})`);
        continue;
      }
      for (const [key, value] of Object.entries(result.data)) {
        if (messages.has(key)) problems.push(`${file}: key "${key}" is defined twice`);
        messages.set(key, value.normalize('NFC'));
      }
    } else if (file.endsWith('.md')) {
      templates.set(file.slice(0, -3), readFileSync(path, 'utf8').normalize('NFC'));
    }
  }
  if (problems.length > 0) {
    throw new AppError('PROMPTS_INVALID', `Invalid prompt files in ${dir}:\n- ${problems.join('\n- ')}`);
  }
  return createCatalog(messages, templates);
}

export function createCatalog(messages: Map<string, string>, templates = new Map<string, string>()): PromptCatalog {
  return Object.freeze({
    has: (key: string) => messages.has(key),
    format(key: string, vars: Record<string, string | number> = {}) {
      const template = messages.get(key);
      if (template === undefined) throw new AppError('PROMPT_MISSING', `No prompt text for key "${key}". Add it to a file in prompts/.`);
      return template.replace(PLACEHOLDER, (_, name: string) => {
        const value = vars[name];
        if (value === undefined) throw new AppError('PROMPT_MISSING', `Prompt "${key}" needs a value for {${name}}.`);
        return String(value);
      });
    },
    template(name: string) {
      const text = templates.get(name);
      if (text === undefined) throw new AppError('PROMPT_MISSING', `No prompt template prompts/${name}.md.`);
      return text;
    },
    require(keys: readonly string[]) {
      const missing = keys.filter((key) => !messages.has(key));
      if (missing.length > 0) throw new AppError('PROMPTS_INVALID', `Missing prompt texts: ${missing.join(', ')}. Add them to a file in prompts/.`);
    },
  });
}
