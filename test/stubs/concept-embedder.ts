/**
 * A deterministic stand-in for an embedding model, used by the Ollama and OpenAI stubs so that
 * search by meaning can be tested without a real model. It is lexical, not a model:
 * - text is lowercased, split into words, stopwords dropped, each word lightly stemmed (plural
 *   -s/-es/-ies, -ing, -ed, -ly, a final -e or -y);
 * - a stem found in the concept lexicon (concept-lexicon.ts) counts as its concept(s), so
 *   "car", "automobile" and "vehicles" land on the same feature; the word itself adds a little,
 *   so an exact word still beats a synonym;
 * - an unknown word counts as itself, plus its character trigrams at a small weight (so "deploys"
 *   and "redeploy" are a bit alike);
 * - every feature is hashed into SLOTS of the `dimensions` places, each with a hashed sign, and
 *   the sum is scaled to unit length.
 * Known limits: no word order, negation or context ("not broken" ≈ "broken"; "bank" of a river
 * is money); paraphrases are caught only through the lexicon's groups; unrelated texts share a
 * little similarity through hash collisions and trigrams. Figures measured with it say how well
 * MARIE ranks, not how good a real model is.
 */
import { LEXICON } from "./concept-lexicon.ts";

/** nomic-embed-text's size. */
export const DEFAULT_DIMENSIONS = 768;

const WORD_WEIGHT = 0.35; // a lexicon word's own feature, next to its concept's (1.0)
const WEAK_WEIGHT = 0.4; // `~` groups: generic words
const BROADER_WEIGHT = 0.5; // a group's `> broader` concept
const TRIGRAM_WEIGHT = 0.3; // shared by all of an unknown word's trigrams
const SLOTS = 4;

const STOPWORDS = new Set(
  `a an the and or but if then else of at by for with about against between into through during before after
  above below to from in on off over under again further once here there when where why how all any both each
  few more most other some such no nor not only own same so than too very can will just should now also
  i me my myself we our ours you your yours he him his she her it its they them their what which who whom
  this that these those am is are was were be been being have has had having do does did doing would could
  might must shall may i'm it's don't can't won't isn't aren't wasn't didn't doesn't i've i'd i'll you're
  let's get got getting really quite still yet even much many something anything everything nothing
  someone anyone everyone thing things please`.split(/\s+/),
);

/** Words the plural rule would break ("news" is not "new"). */
const NO_STEM = new Set(["news", "gas", "bus", "lens", "series", "species", "always", "perhaps", "yes", "christmas", "aws", "k8s", "dns", "ios"]);

export function stem(word: string): string {
  let w = word.replace(/'s$/, "").replace(/'/g, "");
  if (NO_STEM.has(w)) return w;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}i`;
  else if (w.length > 4 && /(x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.length >= 6 && w.endsWith("ing")) w = undouble(w.slice(0, -3));
  else if (w.length >= 5 && w.endsWith("ied")) w = `${w.slice(0, -3)}i`;
  else if (w.length >= 5 && w.endsWith("ed") && !w.endsWith("eed")) w = undouble(w.slice(0, -2));
  else if (w.length >= 7 && w.endsWith("ily")) w = `${w.slice(0, -3)}i`;
  else if (w.length >= 6 && w.endsWith("ly") && !w.endsWith("ply") && !w.endsWith("ily")) w = w.slice(0, -2);

  if (w.length > 2 && w.endsWith("y")) w = `${w.slice(0, -1)}i`;
  else if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

function undouble(w: string) {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

type Concept = { key: string; weight: number };

/** stem → the concepts of each group it is in, with their weights. */
function buildConcepts(lexicon: string): Map<string, Concept[][]> {
  const groups = lexicon
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [words, broader] = line.split(">").map((part) => part.trim());
      const weak = words!.startsWith("~");
      const list = words!.replace(/^~/, "").split(/\s+/);
      return { key: list[0]!, words: list, weak, broader };
    });
  const keys = new Set(groups.map((g) => g.key));
  const byStem = new Map<string, Concept[][]>();
  for (const group of groups) {
    if (group.broader && !keys.has(group.broader)) throw new Error(`concept lexicon: "${group.key}" names an unknown broader concept "${group.broader}"`);
    const weight = group.weak ? WEAK_WEIGHT : 1;
    const concepts = [{ key: group.key, weight }, ...(group.broader ? [{ key: group.broader, weight: weight * BROADER_WEIGHT }] : [])];
    for (const s of new Set(group.words.map(stem))) byStem.set(s, [...(byStem.get(s) ?? []), concepts]);
  }
  return byStem;
}

const CONCEPTS = buildConcepts(LEXICON);

/** How many concept groups the lexicon holds. */
export const conceptCount = () => LEXICON.split("\n").filter((l) => l.trim()).length;

/** The weighted features of a text, before hashing: `c:` concepts, `w:` words, `t:` trigrams. */
export function features(text: string): Map<string, number> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
  const kept = words.filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  const out = new Map<string, number>();
  const add = (feature: string, weight: number) => out.set(feature, (out.get(feature) ?? 0) + weight);
  // A text of stopwords alone still gets a vector of its own.
  for (const word of kept.length ? kept : words) {
    const s = stem(word);
    const groups = CONCEPTS.get(s);
    if (groups) {
      // A word in k groups shares its weight among them.
      const share = 1 / Math.sqrt(groups.length);
      for (const c of groups.flat()) add(`c:${c.key}`, c.weight * share);
      add(`w:${s}`, WORD_WEIGHT);
    } else {
      add(`w:${s}`, 1);
      const padded = `^${s}$`;
      const trigrams = padded.length - 2;
      for (let i = 0; i < trigrams; i++) add(`t:${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT / Math.sqrt(trigrams));
    }
  }
  return out;
}

/** The unit-length vector of `text`; the same text always gets the same vector. */
export function conceptEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions);
  for (const [feature, weight] of features(text)) {
    // A word said twice counts more, but not twice as much.
    const damped = weight > 1 ? 1 + Math.log(weight) : weight;
    // Each feature lands in SLOTS places, so two features that collide in one share only a little.
    for (let slot = 0; slot < SLOTS; slot++) {
      const hash = fnv1a(`${slot}:${feature}`);
      vector[hash % dimensions]! += ((hash >>> 31) & 1 ? 1 : -1) * damped;
    }
  }
  const norm = Math.hypot(...vector);
  return Array.from(vector, (x) => (norm ? x / norm : 0));
}

/** Cosine similarity of two of this module's vectors (they are unit length). */
export function similarity(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * b[i]!, 0);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
