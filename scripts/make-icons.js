#!/usr/bin/env node
/**
 * Draw the add-in's PNG icons (no image library: shapes as signed distances, 4×4 supersampling,
 * PNG written with zlib). Run `node scripts/make-icons.js` after changing a glyph; the PNGs are
 * committed in assets/.
 *
 *   icon-*      the add-in: green rounded square, white check mark over a bar
 *   check-*     Kiểm tra: green, check mark
 *   rank-*      Tổng hợp & xếp hạng: blue, bar chart
 *   compare-*   So sánh năm trước: teal, two bars and an arrow
 *   quick-*     Kiểm tra nhanh: green, lightning bolt
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const GREEN = [0x10, 0x7c, 0x41];
const BLUE = [0x0f, 0x6c, 0xbd];
const TEAL = [0x03, 0x83, 0x87];
const WHITE = [255, 255, 255];

// ---- geometry (unit square, y down) -------------------------------------------------------
const roundedSquare = (x, y, r) => {
  const qx = Math.abs(x - 0.5) - (0.5 - r);
  const qy = Math.abs(y - 0.5) - (0.5 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const segment = (x, y, ax, ay, bx, by, w) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - w / 2;
};
const rect = (x, y, x0, y0, x1, y1) => Math.max(x0 - x, x - x1, y0 - y, y - y1);
const polyline = (x, y, pts, w) => {
  let d = Infinity;
  for (let i = 0; i + 1 < pts.length; i++) d = Math.min(d, segment(x, y, pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1], w));
  return d;
};
const polygon = (x, y, pts) => {
  // Inside test (even-odd) → -1 / +1; good enough for a filled glyph with supersampling.
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? -1 : 1;
};

const GLYPHS = {
  icon: {
    bg: GREEN,
    d: (x, y) =>
      Math.min(
        polyline(
          x,
          y,
          [
            [0.24, 0.45],
            [0.42, 0.62],
            [0.76, 0.27],
          ],
          0.12,
        ),
        rect(x, y, 0.22, 0.74, 0.78, 0.8),
      ),
  },
  check: {
    bg: GREEN,
    d: (x, y) =>
      polyline(
        x,
        y,
        [
          [0.24, 0.52],
          [0.42, 0.7],
          [0.77, 0.32],
        ],
        0.13,
      ),
  },
  rank: {
    bg: BLUE,
    d: (x, y) => Math.min(rect(x, y, 0.2, 0.5, 0.33, 0.8), rect(x, y, 0.43, 0.22, 0.57, 0.8), rect(x, y, 0.67, 0.38, 0.8, 0.8)),
  },
  compare: {
    bg: TEAL,
    d: (x, y) =>
      Math.min(
        rect(x, y, 0.2, 0.45, 0.36, 0.8),
        rect(x, y, 0.64, 0.3, 0.8, 0.8),
        polyline(
          x,
          y,
          [
            [0.3, 0.3],
            [0.62, 0.17],
          ],
          0.08,
        ),
        polyline(
          x,
          y,
          [
            [0.5, 0.14],
            [0.62, 0.17],
            [0.56, 0.28],
          ],
          0.08,
        ),
      ),
  },
  quick: {
    bg: GREEN,
    d: (x, y) =>
      polygon(x, y, [
        [0.56, 0.14],
        [0.26, 0.56],
        [0.47, 0.56],
        [0.4, 0.86],
        [0.74, 0.42],
        [0.53, 0.42],
        [0.6, 0.14],
      ]),
  },
};

function render(glyph, size) {
  const px = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bgCov = 0;
      let fgCov = 0;
      for (let sj = 0; sj < ss; sj++) {
        for (let si = 0; si < ss; si++) {
          const x = (i + (si + 0.5) / ss) / size;
          const y = (j + (sj + 0.5) / ss) / size;
          if (roundedSquare(x, y, 0.18) <= 0) {
            bgCov++;
            if (glyph.d(x, y) <= 0) fgCov++;
          }
        }
      }
      const n = ss * ss;
      const a = bgCov / n;
      const f = bgCov ? fgCov / bgCov : 0;
      const o = (j * size + i) * 4;
      for (let k = 0; k < 3; k++) px[o + k] = Math.round(glyph.bg[k] * (1 - f) + WHITE[k] * f);
      px[o + 3] = Math.round(a * 255);
    }
  }
  return png(size, size, px);
}

// ---- PNG ----------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  const out = path.resolve(__dirname, '..', 'assets');
  fs.mkdirSync(out, { recursive: true });
  for (const [name, glyph] of Object.entries(GLYPHS)) {
    for (const size of SIZES) fs.writeFileSync(path.join(out, `${name}-${size}.png`), render(glyph, size));
  }
  console.log(`wrote ${Object.keys(GLYPHS).length * SIZES.length} icons to ${path.relative(process.cwd(), out) || out}`);
}

if (require.main === module) main();
module.exports = { render, png, SIZES, GLYPHS };
