// Draws the default jurisdiction's letterhead logo (a blue shield with a white balance) as a small
// PNG, so the shipped binary can be regenerated and reviewed: node scripts/make-logo.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';

const W = 96;
const H = 112;
const px = Buffer.alloc(H * (1 + W * 4));
function set(x, y, [r, g, b, a]) {
  if (x < 0 || y < 0 || x >= W || y >= H) return;
  const i = y * (1 + W * 4) + 1 + x * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
}
const blue = [0x1f, 0x3a, 0x6e, 255];
const white = [255, 255, 255, 255];
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    // Shield: a rectangle on top, a curve narrowing to a point below.
    const cx = x - W / 2;
    const inside = y < 56 ? y >= 4 && Math.abs(cx) <= 44 : Math.abs(cx) <= 44 * Math.sqrt(Math.max(0, 1 - ((y - 56) / 54) ** 2));
    if (inside) set(x, y, blue);
  }
}
// The balance: a post, a beam and two pans.
for (let y = 24; y < 84; y++) for (let x = 46; x < 50; x++) set(x, y, white);
for (let x = 20; x < 76; x++) for (let y = 30; y < 33; y++) set(x, y, white);
for (let y = 80; y < 85; y++) for (let x = 36; x < 60; x++) set(x, y, white);
for (const c of [24, 72]) {
  for (let y = 33; y < 52; y++) { set(c - Math.round((y - 33) / 2), y, white); set(c + Math.round((y - 33) / 2), y, white); }
  for (let x = c - 11; x <= c + 11; x++) for (let y = 52; y < 55; y++) set(x, y, white);
}
for (let y = 0; y < H; y++) px[y * (1 + W * 4)] = 0;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(H, 4);
ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(px, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(new URL('../templates/jurisdictions/default-logo.png', import.meta.url), png);
console.log(`wrote ${png.length} bytes`);
