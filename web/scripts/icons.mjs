#!/usr/bin/env node
// Writes the app icons into public/ from one drawing: the favicon's glyph (three
// finder squares and four modules, on a 32-unit grid) on the brand colour.
// SVG (purpose any), PNG 192 and 512 (purpose any, rounded corners) and a
// full-bleed PNG 512 whose glyph stays inside the maskable safe zone.
// Run after changing the drawing: `node scripts/icons.mjs`; the files are committed.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), "..", "public");
const BRAND = [0x1b, 0x4d, 0x3e];
const GLYPH_COLOUR = [0xff, 0xff, 0xff];
const GRID = 32;
const RADIUS = 6;

// [x, y, w, h] in grid units; a finder is a ring: its outer square minus its hole.
const finders = [
  [6, 6],
  [18, 6],
  [6, 18],
];
const modules = [
  [18, 18, 3, 3],
  [23, 18, 3, 3],
  [18, 23, 3, 3],
  [23, 23, 3, 3],
];

const inRect = (x, y, [rx, ry, rw, rh]) => x >= rx && x < rx + rw && y >= ry && y < ry + rh;

/** Whether a point (grid units) is on the white glyph. */
function onGlyph(x, y) {
  for (const [fx, fy] of finders) {
    if (inRect(x, y, [fx, fy, 8, 8]) && !inRect(x, y, [fx + 2, fy + 2, 4, 4])) return true;
  }
  return modules.some((m) => inRect(x, y, m));
}

/** Whether a point (grid units) is inside the rounded background square. */
function onBackground(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), GRID - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), GRID - RADIUS);
  return x >= 0 && y >= 0 && x <= GRID && y <= GRID && (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

/**
 * Rasterises the icon at `size` pixels, 4×4 samples a pixel. `maskable`: the
 * background fills the square and the glyph (20 units wide) is scaled to 55 %
 * of the size, inside the safe circle of 80 % diameter.
 */
function render(size, maskable) {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  const glyphScale = maskable ? (size * 0.55) / 20 : size / GRID;
  const glyphOffset = maskable ? size / 2 - 16 * glyphScale : 0;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          const inBg = maskable || onBackground((x / size) * GRID, (y / size) * GRID);
          if (!inBg) continue;
          bg++;
          if (onGlyph((x - glyphOffset) / glyphScale, (y - glyphOffset) / glyphScale)) fg++;
        }
      }
      const i = (py * size + px) * 4;
      const cover = bg / (n * n);
      const white = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(BRAND[c] * (1 - white) + GLYPH_COLOUR[c] * white);
      png.data[i + 3] = Math.round(cover * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

function svg() {
  const ring = ([x, y]) => `M${x} ${y}h8v8h-8zm2 2v4h4v-4z`;
  const square = ([x, y, w, h]) => `M${x} ${y}h${w}v${h}h-${w}z`;
  const hex = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
  const d = [...finders.map(ring), ...modules.map(square)].join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${GRID} ${GRID}">` +
    `<rect width="${GRID}" height="${GRID}" rx="${RADIUS}" fill="${hex(BRAND)}"/>` +
    `<path fill="${hex(GLYPH_COLOUR)}" fill-rule="evenodd" d="${d}"/></svg>\n`
  );
}

writeFileSync(join(PUBLIC, "icon.svg"), svg());
writeFileSync(join(PUBLIC, "icon-192.png"), render(192, false));
writeFileSync(join(PUBLIC, "icon-512.png"), render(512, false));
writeFileSync(join(PUBLIC, "icon-maskable-512.png"), render(512, true));
console.log("icons written to", PUBLIC);
