/** Reading what the page really painted: computed colours and their relative luminance (WCAG 2). */
import type { Page } from 'playwright-core';

/** Relative luminance of a computed CSS colour `rgb(r, g, b)` / `rgba(r, g, b, a)`: 0 (black) … 1 (white). */
export function luminance(css: string): number {
  const m = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)(?:,\s*([\d.]+))?\)$/.exec(css.trim());
  if (!m) throw new Error(`luminance: "${css}" is not an rgb()/rgba() colour`);
  if (m[4] !== undefined && Number(m[4]) === 0) throw new Error(`luminance: "${css}" is fully transparent`);
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export interface PageColours {
  /** the page background (the root element paints it; body is transparent) */
  page: string;
  nav: string;
  /** the text colour of the view's main heading */
  heading: string;
}

/** The painted colours of the page background, the nav column and the first `main h1`. */
export function pageColours(page: Page): Promise<PageColours> {
  return page.evaluate(() => {
    const style = (sel: string) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`no element matches ${sel}`);
      return getComputedStyle(el);
    };
    return {
      page: style('html').backgroundColor,
      nav: style('nav.nav').backgroundColor,
      heading: style('main h1').color,
    };
  });
}
