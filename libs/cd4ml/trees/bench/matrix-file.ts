import { open, readFile } from 'node:fs/promises';
import type { Matrix } from '../src/types.ts';

// A train/validation feature matrix in one binary file that numpy reads without a parser:
//   bytes 0-7 "CD4MLMX1", bytes 8-11 header length (uint32 LE), then the JSON header (space-padded
//   so that the data starts 8-byte aligned), then the sections the header lists by byte offset:
//   xTrain (float32, row-major), yTrain (float64), xValid (float32), yValid (float64), and optionally
//   wValid (float64 validation weights), little-endian.

const MAGIC = 'CD4MLMX1';

/** One train/validation split of a feature matrix and its target. */
export interface MatrixSet {
  featureNames: string[];
  /** Where the matrix came from, printed in the bench report. */
  source: string;
  train: { x: Matrix; y: Float64Array };
  valid: { x: Matrix; y: Float64Array; weights?: Float64Array };
}

interface Section {
  name: 'xTrain' | 'yTrain' | 'xValid' | 'yValid' | 'wValid';
  dtype: '<f4' | '<f8';
  offset: number;
  count: number;
}

interface Header {
  nCols: number;
  featureNames: string[];
  source: string;
  trainRows: number;
  validRows: number;
  sections: Section[];
}

export class MatrixFileError extends Error {
  override readonly name = 'MatrixFileError';
  readonly code = 'MATRIX_FILE_INVALID';
}

/** Writes `m` as a matrix file (see the layout above). */
export async function writeMatrixFile(path: string, m: MatrixSet): Promise<void> {
  const arrays = [m.train.x.values, m.train.y, m.valid.x.values, m.valid.y, ...(m.valid.weights ? [m.valid.weights] : [])];
  const names = ['xTrain', 'yTrain', 'xValid', 'yValid', 'wValid'] as const;
  const draft = (offset0: number): Header => {
    let offset = offset0;
    const sections = arrays.map((a, i): Section => {
      const s: Section = { name: names[i]!, dtype: a instanceof Float32Array ? '<f4' : '<f8', offset, count: a.length };
      offset += Math.ceil(a.byteLength / 8) * 8;
      return s;
    });
    return { nCols: m.train.x.nCols, featureNames: m.featureNames, source: m.source, trainRows: m.train.x.nRows, validRows: m.valid.x.nRows, sections };
  };
  // the header holds the offsets, which depend on the header's length: size it with wide offsets first
  const room = Math.ceil((12 + JSON.stringify(draft(1e12)).length) / 8) * 8;
  const json = JSON.stringify(draft(room)).padEnd(room - 12, ' ');
  const head = Buffer.alloc(room);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  head.write(json, 12, 'utf8');
  const file = await open(path, 'w');
  try {
    await file.write(head);
    for (const a of arrays) {
      await file.write(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const pad = Math.ceil(a.byteLength / 8) * 8 - a.byteLength;
      if (pad > 0) await file.write(new Uint8Array(pad));
    }
  } finally {
    await file.close();
  }
}

/** Reads a matrix file written by {@link writeMatrixFile}, checking its layout against its size. */
export async function readMatrixFile(path: string): Promise<MatrixSet> {
  const buf = await readFile(path);
  if (buf.toString('latin1', 0, 8) !== MAGIC) throw new MatrixFileError(`${path} is not a matrix file (no ${MAGIC} magic); write it with writeMatrixFile (bench/matrix-file.ts)`);
  const h = JSON.parse(buf.toString('utf8', 12, 12 + buf.readUInt32LE(8))) as Header;
  const section = (name: Section['name']): Section => {
    const s = h.sections.find((x) => x.name === name);
    const bytes = s ? s.count * (s.dtype === '<f4' ? 4 : 8) : 0;
    if (!s || s.offset % 8 !== 0 || s.offset + bytes > buf.length) throw new MatrixFileError(`${path}: section ${name} is missing or out of bounds`);
    return s;
  };
  // copy each section into its own aligned buffer (the file buffer's offset is not 8-aligned)
  const f32 = (name: Section['name']) => {
    const s = section(name);
    return new Float32Array(buf.buffer.slice(buf.byteOffset + s.offset, buf.byteOffset + s.offset + s.count * 4));
  };
  const f64 = (name: Section['name']) => {
    const s = section(name);
    return new Float64Array(buf.buffer.slice(buf.byteOffset + s.offset, buf.byteOffset + s.offset + s.count * 8));
  };
  const nCols = h.nCols;
  const x = (values: Float32Array, nRows: number): Matrix => {
    if (values.length !== nRows * nCols) throw new MatrixFileError(`${path}: ${values.length} values for ${nRows} x ${nCols}`);
    return { values, nRows, nCols };
  };
  return {
    featureNames: h.featureNames,
    source: h.source,
    train: { x: x(f32('xTrain'), h.trainRows), y: f64('yTrain') },
    valid: { x: x(f32('xValid'), h.validRows), y: f64('yValid'), ...(h.sections.some((s) => s.name === 'wValid') ? { weights: f64('wValid') } : {}) },
  };
}
