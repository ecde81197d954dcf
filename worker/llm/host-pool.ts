/**
 * The Ollama host pool's routing and circuit breaker. Which hosts may serve a model comes from the
 * catalogue (active probes: tags, loaded models, health); how each host behaved lately comes from
 * the replies themselves (passive tracking). State lives in the isolate, so each isolate learns on
 * its own; a restart forgets, which only costs one failed first try per bad host.
 */
import type { Catalogue } from "../models/catalogue";

const OPEN_AFTER_FAILURES = 3;
const OPEN_FOR_MS = 30_000;

type HostState = { failures: number; openUntil: number; inFlight: number };

export class HostPool {
  private readonly state = new Map<string, HostState>();

  constructor(private readonly now: () => number = Date.now) {}

  private of(host: string): HostState {
    let s = this.state.get(host);
    if (!s) {
      s = { failures: 0, openUntil: 0, inFlight: 0 };
      this.state.set(host, s);
    }
    return s;
  }

  /**
   * The hosts to try for a model, best first: hosts that have it, healthy and with a closed
   * circuit before the rest; among those, one that has it loaded, then the fewest replies in
   * flight, then the configured order. Hosts the catalogue does not know stay as a last resort.
   */
  order(configured: string[], model: string, catalogue: Catalogue | null): string[] {
    const entry = catalogue?.models.find((m) => m.id === model);
    const health = new Map(catalogue?.hosts.map((h) => [h.host, h]) ?? []);
    const now = this.now();
    const rank = (host: string) => {
      const s = this.of(host);
      const info = health.get(host);
      const hasModel = entry ? entry.hosts.includes(host) : true;
      const down = s.openUntil > now || info?.ok === false;
      return [hasModel ? 0 : 1, down ? 1 : 0, info?.loaded?.includes(model) ? 0 : 1, s.inFlight, configured.indexOf(host)];
    };
    return [...configured].sort((a, b) => compare(rank(a), rank(b)));
  }

  started(host: string) {
    this.of(host).inFlight += 1;
  }

  /** `ok`: the host answered (even with a model error); `false`: it was unreachable or failed. */
  finished(host: string, ok: boolean) {
    const s = this.of(host);
    s.inFlight = Math.max(0, s.inFlight - 1);
    if (ok) {
      s.failures = 0;
      s.openUntil = 0;
    } else {
      s.failures += 1;
      if (s.failures >= OPEN_AFTER_FAILURES) s.openUntil = this.now() + OPEN_FOR_MS;
    }
  }

  isOpen(host: string) {
    return this.of(host).openUntil > this.now();
  }
}

function compare(a: number[], b: number[]) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The pool of this isolate. */
export const hostPool = new HostPool();
