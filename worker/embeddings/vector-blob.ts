/**
 * Vectors as stored and compared: Float32 blobs in D1 (the platform's byte order, little-endian
 * on every machine Workers run on), unit length so that cosine similarity is a dot product.
 * Used by the embedders (normalising) and the D1 search index (storing, scoring, centroids).
 */

/** The vector's bytes, copied into a buffer of their own (a view may share a larger one). */
export function toBlob(v: Float32Array): ArrayBuffer {
  return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer;
}

/** Reads back what `toBlob` stored; D1 may hand a BLOB over as an array of byte values. */
export function fromBlob(blob: ArrayBuffer | Uint8Array | number[]): Float32Array {
  // A copy of its own, so the vector starts at a 4-byte boundary whatever the source's offset.
  const bytes = blob instanceof ArrayBuffer ? new Uint8Array(blob.slice(0)) : Uint8Array.from(blob);
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`A Float32 vector blob cannot be ${bytes.byteLength} bytes long`);
  return new Float32Array(bytes.buffer);
}

/** The dot product; for unit vectors, their cosine similarity. */
export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`Vectors of different dimensions: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Scales `v` to unit length in place and returns it; the zero vector stays as it is. */
export function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}
