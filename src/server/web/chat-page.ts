import type { PromptCatalog } from '../../prompts/catalog';
import { escapeHtml, jsonForScript } from '../../html/html';
import { CITY_COLORS, FAVICON_LINK, PAGE_STYLE } from '../../html/page-style';

/** Prompt keys the chat page uses (checked at start-up). */
export const CHAT_PAGE_PROMPT_KEYS = ['web.title', 'web.subtitle', 'web.inputPlaceholder', 'web.loading', 'web.connectFailed', 'web.noscript', 'web.botInitials', 'web.userInitials'] as const;

/**
 * Web Chat injects its own style elements and renders Adaptive Cards; everything else comes from
 * this server (no CDN). `connect-src 'self'` covers the same-origin WebSocket (CSP 3: 'self'
 * matches ws:/wss: on the page's own host) and nothing else: no scheme-wide `ws: wss:`, which
 * would let an injected script stream data to any host.
 */
export const CHAT_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const CHAT_STYLE = `
body { display: flex; flex-direction: column; }
#webchat { flex: 1; min-height: 0; width: 100%; max-width: 60rem; margin: 0 auto; background: #fff; box-shadow: 0 0 0 1px #dde3ea; }
#webchat > .status { padding: 2rem; text-align: center; color: #555; }
#webchat.error > .status { color: ${CITY_COLORS.accent}; }
`;

/** Web Chat's style options: the city's colours, Vietnamese initials, no file upload. */
function styleOptions(prompts: PromptCatalog): Record<string, unknown> {
  return {
    accent: CITY_COLORS.primary,
    backgroundColor: '#ffffff',
    bubbleBackground: '#f1f4f8',
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: CITY_COLORS.primary,
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 10,
    bubbleMaxWidth: 720,
    botAvatarInitials: prompts.format('web.botInitials'),
    botAvatarBackgroundColor: CITY_COLORS.accent,
    userAvatarInitials: prompts.format('web.userInitials'),
    userAvatarBackgroundColor: CITY_COLORS.primary,
    hideUploadButton: true,
    primaryFont: "'Segoe UI', 'Noto Sans', Roboto, 'DejaVu Sans', Arial, sans-serif",
    sendBoxButtonColor: CITY_COLORS.primary,
    suggestedActionBorderColor: CITY_COLORS.primary,
    suggestedActionTextColor: CITY_COLORS.primary,
  };
}

/** The chat page: the city's header, then Web Chat (loaded from `/static/webchat.js`) started by `/static/chat.js`. */
export function renderChatPage({ prompts, webSocket }: { prompts: PromptCatalog; webSocket: boolean }): string {
  const t = (key: string) => escapeHtml(prompts.format(key));
  const config = {
    locale: 'vi-VN',
    tokenUrl: '/api/webchat/token',
    directLinePath: '/v3/directline',
    webSocket,
    placeholder: prompts.format('web.inputPlaceholder'),
    connectFailed: prompts.format('web.connectFailed'),
    styleOptions: styleOptions(prompts),
  };
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('web.title')}</title>${FAVICON_LINK}<style>${PAGE_STYLE}${CHAT_STYLE}</style></head>
<body><header class="bar"><div class="emblem" aria-hidden="true"></div><div><h1>${t('web.title')}</h1><p>${t('web.subtitle')}</p></div></header>
<div id="webchat" role="main"><p class="status">${t('web.loading')}</p></div>
<noscript><p class="status">${t('web.noscript')}</p></noscript>
<script type="application/json" id="troly-config">${jsonForScript(config)}</script>
<script src="/static/webchat.js"></script><script src="/static/chat.js"></script></body></html>`;
}
