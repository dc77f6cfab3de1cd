/**
 * Optional hybrid ranking: cosine similarity between the question's embedding and the chunks'
 * (computed at ingest by any OpenAI-compatible endpoint), fused with the lexical ranking by
 * reciprocal rank fusion — which needs no score calibration between the two. Any failure of the
 * endpoint leaves the lexical ranking alone.
 */
import type { LanguageModel } from "../core/llm.ts";
import type { RankedSection, Searcher, MemoryChunk } from "./searcher.ts";

/** RRF's damping constant; 60 is the value from the original paper and works broadly. */
const RRF_K = 60;
const EMBED_TIMEOUT_MS = 3_000;

/** Packs a vector for the `embedding` column (little-endian float32). */
export function encodeEmbedding(vector: number[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(vector.length * 4));
  const view = new DataView(out.buffer);
  vector.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** Unpacks a stored vector, normalized to unit length so a dot product is the cosine. */
export function decodeEmbedding(bytes: Uint8Array | null | undefined): Float32Array | undefined {
  if (!bytes || bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return normalize(vector);
}

function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}

/** Sections ranked by embedding similarity to the question, or undefined when that fails. */
export async function semanticRanking(
  llm: LanguageModel,
  searcher: Searcher,
  question: string,
  allow?: (chunk: MemoryChunk) => boolean,
): Promise<RankedSection[] | undefined> {
  let vector: Float32Array;
  try {
    const [raw] = await llm.embed([question], { timeoutMs: EMBED_TIMEOUT_MS });
    if (!raw || raw.length === 0) return undefined;
    vector = normalize(Float32Array.from(raw));
  } catch {
    return undefined;
  }
  const best = new Map<number, RankedSection>();
  searcher.chunks.forEach((chunk, i) => {
    if (!chunk.embedding || chunk.embedding.length !== vector.length || (allow && !allow(chunk))) return;
    let dot = 0;
    for (let d = 0; d < vector.length; d++) dot += vector[d]! * chunk.embedding[d]!;
    const section = searcher.sectionOfChunk(i);
    const current = best.get(section);
    if (!current || dot > current.score) best.set(section, { chunk: i, section, score: dot });
  });
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, 50);
}

/** Reciprocal rank fusion of two rankings of sections (keyed by their best chunk's section). */
export function fuseRankings(lexical: RankedSection[], semantic: RankedSection[]): RankedSection[] {
  const fused = new Map<string, RankedSection>();
  const add = (list: RankedSection[]) =>
    list.forEach((item, rank) => {
      const key = String(item.section);
      const current = fused.get(key);
      const score = 1 / (RRF_K + rank + 1);
      if (current) current.score += score;
      else fused.set(key, { ...item, score });
    });
  add(lexical);
  add(semantic);
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
