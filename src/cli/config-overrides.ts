/** Only options actually given override the environment (an undefined override would unset it). */
export function definedOnly(overrides: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(overrides).filter((e): e is [string, string] => e[1] !== undefined));
}
