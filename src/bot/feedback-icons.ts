/**
 * The 👍/👎 of the feedback buttons as SVG images in data URIs, so they render on a machine without
 * an emoji font (the emoji showed as empty boxes there) and need no request. Paths: Material
 * Icons "thumb_up" and "thumb_down" (Apache License 2.0), in the city's blue.
 */
const THUMB_UP = 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';
const THUMB_DOWN = 'M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z';

function svgDataUri(path: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><path fill="#0b4f8a" d="${path}"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export const FEEDBACK_ICONS: Readonly<Record<'up' | 'down', string>> = Object.freeze({ up: svgDataUri(THUMB_UP), down: svgDataUri(THUMB_DOWN) });
