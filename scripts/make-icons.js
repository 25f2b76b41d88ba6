#!/usr/bin/env node
// Draws the CSP Field app icons as PNG files in static/icons/ with nothing but Node's zlib:
//   icon-192.png, icon-512.png          purpose "any": a rounded blue tile, transparent corners
//   maskable-192.png, maskable-512.png  purpose "maskable": full-bleed blue, the glyph kept
//                                       inside the central safe zone (a circle of 40% radius)
// The glyph: the letters "CSP" in white blocks over a white bar. Run: node scripts/make-icons.js
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BLUE = [0x0f, 0x4c, 0x81];
const WHITE = [0xff, 0xff, 0xff];

/** 5×7 block letters, '#' = filled cell. */
const LETTERS = {
	C: ['.####', '#....', '#....', '#....', '#....', '#....', '.####'],
	S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
	P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....']
};

// ---- PNG encoding ----------------------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** @param {Buffer} bytes */
function crc32(bytes) {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/**
 * Encodes 8-bit RGBA pixels (row-major, width × height × 4) as a PNG file.
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba
 */
export function encodePng(width, height, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type: truecolour with alpha
	header[10] = 0; // compression
	header[11] = 0; // filter
	header[12] = 0; // interlace
	const stride = width * 4;
	const raw = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (stride + 1)] = 0; // filter type: none
		raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

// ---- drawing ---------------------------------------------------------------------------------

/**
 * A shape is a function (x, y) → boolean in icon units: the icon spans 0…1 on both axes.
 * @typedef {(x: number, y: number) => boolean} Shape
 */

/**
 * A rectangle from (x0, y0) to (x1, y1) with corners rounded to radius r.
 * @param {number} x0
 * @param {number} y0
 * @param {number} x1
 * @param {number} y1
 * @param {number} r
 * @returns {Shape}
 */
function roundedRect(x0, y0, x1, y1, r) {
	return (x, y) => {
		if (x < x0 || x > x1 || y < y0 || y > y1) return false;
		const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
		const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
		return dx * dx + dy * dy <= r * r;
	};
}

/**
 * The white glyph, centred on (0.5, 0.5), `size` icon units wide.
 * @param {number} size
 * @returns {Shape}
 */
function glyph(size) {
	const columns = 3 * 5 + 2; // three letters of 5 cells and two one-cell gaps
	const rows = 7 + 1 + 1.2; // letters, gap, bar
	const cell = size / columns;
	const left = 0.5 - (columns * cell) / 2;
	const top = 0.5 - (rows * cell) / 2;
	/** @type {Shape[]} */
	const parts = [];
	['C', 'S', 'P'].forEach((letter, index) => {
		const rowsOfLetter = LETTERS[/** @type {'C' | 'S' | 'P'} */ (letter)];
		rowsOfLetter.forEach((row, y) => {
			[...row].forEach((filled, x) => {
				if (filled !== '#') return;
				const cx = left + (index * 6 + x) * cell;
				const cy = top + y * cell;
				// Square cells, overlapping a hair so that neighbours join into solid strokes.
				parts.push(roundedRect(cx, cy, cx + cell * 1.01, cy + cell * 1.01, 0));
			});
		});
	});
	const barTop = top + 8 * cell;
	parts.push(roundedRect(left, barTop, left + columns * cell, barTop + 1.2 * cell, cell * 0.6));
	return (x, y) => parts.some((part) => part(x, y));
}

/**
 * Renders one icon with 4×4 supersampling.
 * @param {number} pixels
 * @param {{ background: Shape, foreground: Shape }} art
 */
function render(pixels, art) {
	const samples = 4;
	const rgba = new Uint8Array(pixels * pixels * 4);
	for (let py = 0; py < pixels; py++) {
		for (let px = 0; px < pixels; px++) {
			let covered = 0;
			let white = 0;
			for (let sy = 0; sy < samples; sy++) {
				for (let sx = 0; sx < samples; sx++) {
					const x = (px + (sx + 0.5) / samples) / pixels;
					const y = (py + (sy + 0.5) / samples) / pixels;
					if (!art.background(x, y)) continue;
					covered++;
					if (art.foreground(x, y)) white++;
				}
			}
			const offset = (py * pixels + px) * 4;
			if (covered === 0) continue;
			const share = white / covered;
			for (let c = 0; c < 3; c++) {
				rgba[offset + c] = Math.round(BLUE[c] * (1 - share) + WHITE[c] * share);
			}
			rgba[offset + 3] = Math.round((covered / (samples * samples)) * 255);
		}
	}
	return rgba;
}

const ICONS = {
	// "any": a tile with rounded corners filling the canvas, the glyph large on it.
	icon: { background: roundedRect(0, 0, 1, 1, 0.18), foreground: glyph(0.7) },
	// "maskable": opaque everywhere; the glyph fits well inside the 40%-radius safe circle
	// (its half-diagonal is about 0.32 of the icon).
	maskable: { background: () => true, foreground: glyph(0.56) }
};

export function makeIcons(outputDirectory = defaultOutputDirectory()) {
	mkdirSync(outputDirectory, { recursive: true });
	const written = [];
	for (const [name, art] of Object.entries(ICONS)) {
		for (const size of [192, 512]) {
			const file = join(outputDirectory, `${name}-${size}.png`);
			writeFileSync(file, encodePng(size, size, render(size, art)));
			written.push(file);
		}
	}
	return written;
}

function defaultOutputDirectory() {
	return join(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'icons');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	for (const file of makeIcons()) console.log(`wrote ${file}`);
}
