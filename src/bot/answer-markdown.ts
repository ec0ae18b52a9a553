/**
 * The answer's Markdown as a channel should get it: links into the document viewer made absolute.
 * Teams and the Emulator cannot follow `/documents/…`, and Web Chat renders a relative Markdown
 * link as a citation button that expects citation entities, not as a link.
 */
export function answerMarkdown({ text, baseUrl }: { text: string; baseUrl?: string | undefined }): string {
  if (baseUrl === undefined) return text;
  const base = baseUrl.replace(/\/+$/, '');
  return text.replace(/\]\(\/documents\//g, `](${base}/documents/`);
}
