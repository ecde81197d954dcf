/**
 * The search benchmark's synthetic corpus: message `i` of a seed is a pure function of (seed, i), so
 * the bench Worker can generate any range of it and the driver can replay it. Conversations of 20-80
 * messages keep to one topic (with a quarter of the sentences from a second one); user messages run
 * 20-200 characters, assistant messages 60-400, from sentence templates over vocabulary.ts with
 * skewed (Zipf-like) word choice, so some words are in many messages and most in few.
 * Queries: half are 1-4 topic words, half paraphrases of a message (see `query`).
 */
import { LEXICON } from "../../test/stubs/concept-lexicon.ts";
import { GENERAL, TOPICS, type Topic } from "./vocabulary.ts";

export type BenchMessage = { index: number; conversation: number; role: "user" | "assistant"; content: string; createdAt: number };
export type BenchQuery = { kind: "words" | "paraphrase"; text: string };

/** A small, fast PRNG (mulberry32) over a 32-bit state. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...values: number[]) {
  let h = 0x811c9dc5;
  for (const v of values) h = Math.imul(h ^ (v >>> 0), 0x01000193) ^ (h >>> 13);
  return h >>> 0;
}

const CONVERSATION_BLOCK = 64;
const START = Date.UTC(2025, 0, 1);

/** Which conversation message `index` belongs to: blocks of 64 indexes hold 1-3 conversations. */
function conversationOf(seed: number, index: number) {
  const block = Math.floor(index / CONVERSATION_BLOCK);
  const cut = 20 + (mix(seed, block, 7) % 25); // first conversation of the block: 20-44 messages
  return block * 2 + (index % CONVERSATION_BLOCK < cut ? 0 : 1);
}

export function message(seed: number, index: number): BenchMessage {
  const conversation = conversationOf(seed, index);
  const topic = TOPICS[mix(seed, conversation, 1) % TOPICS.length]!;
  const aside = TOPICS[mix(seed, conversation, 2) % TOPICS.length]!;
  const rnd = random(mix(seed, index, 3));
  const role = index % 2 === 0 ? "user" : "assistant";
  const target = role === "user" ? 20 + Math.floor(180 * rnd() ** 2) : 60 + Math.floor(340 * rnd() ** 1.5);
  let content = "";
  while (content.length < target) content += (content ? " " : "") + sentence(rnd() < 0.75 ? topic : aside, rnd, role);
  return { index, conversation, role, content: clip(content, 400), createdAt: START + index * 60_000 };
}

/**
 * Query `index` of a seed. "words": 1-4 topic words. "paraphrase": 3-5 content words of a message
 * among the first 10,000 (so it exists at every size), each swapped for a synonym from the stub
 * model's lexicon when it has one, half the time phrased as a question: a person recalling a
 * message in other words.
 */
export function query(seed: number, index: number): BenchQuery {
  const rnd = random(mix(seed, index, 11));
  if (rnd() < 0.5) {
    const topic = pick(TOPICS, rnd);
    const words = 1 + Math.floor(rnd() * 4);
    return { kind: "words", text: Array.from({ length: words }, () => topicWord(topic, rnd)).join(" ") };
  }
  const source = message(seed, Math.floor(rnd() * 10_000)).content.toLowerCase().match(/[a-z]+/g) ?? [];
  const content = [...new Set(source.filter((w) => CONTENT.has(w)))];
  const start = Math.floor(rnd() * Math.max(1, content.length - 4));
  const words = content.slice(start, start + 3 + Math.floor(rnd() * 3)).map((w) => {
    const synonyms = SYNONYMS.get(w)?.filter((s) => s !== w);
    return synonyms?.length && rnd() < 0.7 ? pick(synonyms, rnd) : w;
  });
  const text = words.join(" ");
  return { kind: "paraphrase", text: rnd() < 0.5 ? `${pick(GENERAL.questions, rnd)} ${text}` : text };
}

/** Topic words and the stub lexicon's words: what a paraphrase keeps of a message. */
const CONTENT = new Set([...TOPICS.flatMap((t) => [...t.nouns, ...t.verbs, ...t.adjectives]), ...LEXICON.split(/\s+/).filter((w) => /^[a-z]{3,}$/.test(w))]);

/** word → the other words of its lexicon groups ("car" → automobile, vehicle, …). */
const SYNONYMS = (() => {
  const map = new Map<string, string[]>();
  for (const line of LEXICON.split("\n")) {
    const words = (line.split(">")[0] ?? "").replace("~", "").trim().split(/\s+/).filter((w) => /^[a-z]{3,}$/.test(w));
    for (const w of words) map.set(w, [...(map.get(w) ?? []), ...words]);
  }
  return map;
})();

function sentence(topic: Topic, rnd: () => number, role: "user" | "assistant"): string {
  const noun = () => (rnd() < 0.3 ? plural(skewed(topic.nouns, rnd)) : skewed(topic.nouns, rnd));
  const adj = () => skewed(topic.adjectives, rnd);
  const verb = () => skewed(topic.verbs, rnd);
  const prep = () => pick(["with", "in", "on", "for", "from", "after", "without", "near", "under"], rnd);
  const templates = [
    () => `${cap(pick(GENERAL.openers, rnd))}, ${pick(GENERAL.subjects, rnd)} ${past(verb())} the ${adj()} ${noun()} ${prep()} the ${noun()}.`,
    () => `${cap(pick(GENERAL.questions, rnd))} ${verb()} the ${noun()} ${prep()} ${a(adj())} ${noun()}?`,
    () => `The ${noun()} is ${pick(GENERAL.adverbs, rnd)} ${adj()} ${pick(GENERAL.connectors, rnd)} the ${noun()} ${third(verb())} ${pick(GENERAL.adverbs, rnd)}.`,
    () => `${cap(pick(GENERAL.subjects, rnd))} ${pick(GENERAL.generalVerbs, rnd)} to ${verb()} the ${noun()} every ${pick(GENERAL.generalNouns, rnd)}.`,
    () => `It was ${a(pick(GENERAL.generalAdjectives, rnd))} ${pick(GENERAL.generalNouns, rnd)}: ${pick(GENERAL.subjects, rnd)} ${past(verb())} ${noun()} ${pick(GENERAL.connectors, rnd)} ${past(verb())} the ${adj()} ${noun()}.`,
  ];
  const advice = [
    () => `You can ${verb()} the ${noun()} ${prep()} ${noun()}; ${pick(GENERAL.adverbs, rnd)} ${verb()} the ${adj()} ${noun()} first.`,
    () => `Try ${ing(verb())} the ${noun()} ${pick(GENERAL.connectors, rnd)} ${ing(verb())} ${a(adj())} ${noun()}.`,
    () => `${cap(a(adj()))} ${noun()} ${pick(["usually", "often", "sometimes", "rarely"], rnd)} needs ${a(adj())} ${noun()}, so ${verb()} it ${prep()} the ${noun()}.`,
    () => `${cap(pick(["First", "Then", "After that", "Finally", "If possible"], rnd))}, ${verb()} the ${noun()} and ${verb()} ${noun()} ${prep()} the ${adj()} ${noun()}.`,
  ];
  const pool = role === "assistant" && rnd() < 0.6 ? advice : templates;
  return pick(pool, rnd)();
}

/** Any topic word, skewed towards the first ones of each list. */
function topicWord(topic: Topic, rnd: () => number) {
  const r = rnd();
  return skewed(r < 0.6 ? topic.nouns : r < 0.8 ? topic.verbs : topic.adjectives, rnd);
}

function skewed(list: string[], rnd: () => number) {
  return list[Math.floor(list.length * rnd() ** 2.2)]!;
}

function pick<T>(list: T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function clip(text: string, max: number) {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max - 1);
  return `${text.slice(0, cut > 0 ? cut : max - 1)}…`;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const a = (word: string) => `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;
const IRREGULAR: Record<string, string> = {
  run: "ran", swim: "swam", throw: "threw", catch: "caught", win: "won", lose: "lost", fly: "flew", sing: "sang",
  write: "wrote", buy: "bought", make: "made", take: "took", get: "got", see: "saw", find: "found", think: "thought",
  know: "knew", keep: "kept", feed: "fed", shoot: "shot", drive: "drove", teach: "taught", dig: "dug", hang: "hung",
  pay: "paid", lend: "lent", spend: "spent", sow: "sowed", forget: "forgot", lead: "led", rise: "rose", read: "read",
  blow: "blew", freeze: "froze", shine: "shone", breathe: "breathed", build: "built", bleed: "bled", hire: "hired",
};
const doubles = (w: string) => /^[^aeiou]*[aeiou][bdgmnpt]$/.test(w) && w.length <= 4;
const past = (w: string) => IRREGULAR[w] ?? (w.endsWith("e") ? `${w}d` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ied` : doubles(w) ? `${w}${w.at(-1)}ed` : `${w}ed`);
const ing = (w: string) => (/[^e]e$/.test(w) && w !== "be" ? `${w.slice(0, -1)}ing` : doubles(w) ? `${w}${w.at(-1)}ing` : `${w}ing`);
const third = (w: string) => (/(s|sh|ch|x|z)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`);
const plural = (w: string) => (/(s|sh|ch|x)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`);
