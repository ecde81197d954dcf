/**
 * How the model stubs answer, steered by the last user message (shared by the Ollama and OpenAI
 * stubs): `count N` → the numbers 1…N as N tokens; `fail after N` → N tokens then a failure;
 * `hang` → nothing; `echo system` → the system message, word by word (to see the prompt a reply
 * got); anything else → "You said: …" word by word.
 */
export type ReplyPlan = { tokens: string[]; failAfter?: number; hang?: boolean };

export function replyPlan(prompt: string, system = ""): ReplyPlan {
  if (/\bhang\b/.test(prompt)) return { tokens: [], hang: true };
  if (/\becho system\b/.test(prompt)) return { tokens: (system || "(no system message)").split(/(?=\s)/) };
  const fail = prompt.match(/fail after (\d+)/);
  if (fail) return { tokens: numbers(Number(fail[1])), failAfter: Number(fail[1]) };
  const count = prompt.match(/count (\d+)/);
  if (count) return { tokens: numbers(Number(count[1])) };
  return { tokens: `You said: ${prompt}`.split(/(?=\s)/) };
}

function numbers(n: number) {
  return Array.from({ length: n }, (_, i) => (i === 0 ? "1" : ` ${i + 1}`));
}
