/** Screenshots read pixel by pixel, decoded by Chromium itself (a canvas in a blank page). */
import type { BrowserContext } from 'playwright-core';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: number[];
}

/** The pixels of PNG images (Playwright screenshots), in order. */
export async function decodePngs(context: BrowserContext, pngs: readonly Buffer[]): Promise<Pixels[]> {
  const page = await context.newPage();
  try {
    return await page.evaluate(async (urls) => {
      const out = [];
      for (const url of urls) {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context2d = canvas.getContext('2d')!;
        context2d.drawImage(image, 0, 0);
        out.push({ width: image.width, height: image.height, data: Array.from(context2d.getImageData(0, 0, image.width, image.height).data) });
      }
      return out;
    }, pngs.map((png) => `data:image/png;base64,${png.toString('base64')}`));
  } finally {
    await page.close();
  }
}

/** WCAG's contrast ratio of two sRGB colours. */
export function contrast(a: readonly number[], b: readonly number[]): number {
  const luminance = (c: readonly number[]) =>
    [0, 1, 2].map((i) => c[i]! / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
