import type { FeedbackSubmitData } from '../../src/bot/answer-card';

/** Every `Action.Submit` in an Adaptive Card, in document order, wherever the layout put it. */
export function submitActions(card: unknown): Array<{ title: string; iconUrl?: string; data: FeedbackSubmitData }> {
  const found: Array<{ title: string; iconUrl?: string; data: FeedbackSubmitData }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit') found.push({ title: String(record.title ?? ''), ...(typeof record.iconUrl === 'string' ? { iconUrl: record.iconUrl } : {}), data: record.data as FeedbackSubmitData });
    Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}
