/** The city's look, shared by the chat page and the document viewer. */
export const CITY_COLORS = {
  /** Deep blue of the header and the user's bubbles. */
  primary: '#0b4f8a',
  /** Flamboyant red (hoa phượng, the city's flower): the header rule and highlights. */
  accent: '#c62828',
  background: '#f4f6f9',
} as const;

export const PAGE_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font-family: 'Segoe UI', 'Noto Sans', Roboto, 'DejaVu Sans', Arial, sans-serif; color: #1d1d1f; background: ${CITY_COLORS.background}; }
a { color: ${CITY_COLORS.primary}; }
.bar { display: flex; align-items: center; gap: .9rem; padding: .7rem 1.2rem; background: ${CITY_COLORS.primary}; color: #fff; border-bottom: 4px solid ${CITY_COLORS.accent}; }
.bar h1 { margin: 0; font-size: 1.25rem; font-weight: 600; }
.bar p { margin: .15rem 0 0; font-size: .88rem; opacity: .9; }
.emblem { flex: none; width: 2.4rem; height: 2.4rem; border-radius: 50%; background: radial-gradient(circle at 50% 50%, #ffd54f 0 22%, ${CITY_COLORS.accent} 23% 100%); border: 2px solid #fff; }
`;

/** The emblem as an SVG favicon: a yellow centre on the flamboyant red, ringed in white. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="${CITY_COLORS.accent}" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="6" fill="#ffd54f"/></svg>`;

/** The `<head>` line that points at it. */
export const FAVICON_LINK = '<link rel="icon" type="image/svg+xml" href="/favicon.svg">';
