/**
 * True when a JSON text nests objects and arrays deeper than `limit`, found by scanning its
 * characters (strings skipped) without parsing, so the check itself cannot run out of stack on a
 * hostile body. Malformed text is left to `JSON.parse` to report.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** Nesting depth of an already parsed value (objects and arrays), counted up to `limit + 1` without recursion. */
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (top === undefined || top.value === null || typeof top.value !== 'object') continue;
    const depth = top.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(top.value)) if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
  }
  return false;
}
