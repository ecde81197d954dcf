/**
 * Tells a signed-in person when no model host answers, and how to start one (SPEC §6), from the
 * readiness checks the home loader fetched.
 */
export type HostProblem = { name: string; error?: string; hint?: string };

export function ServiceNotice({ problems }: { problems: HostProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="notice" role="status">
      <strong>{problems.length === 1 ? "A model host is not reachable" : `${problems.length} model hosts are not reachable`}</strong>
      <ul>
        {problems.map((p) => (
          <li key={p.name}>
            <code>{p.name.replace(/^ollama:/, "")}</code>
            {p.error ? <span className="muted"> — {p.error}</span> : null}
            {p.hint ? <p className="small">{p.hint}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
