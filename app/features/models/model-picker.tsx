/**
 * The model picker: every model a reachable provider offers, with how many of its hosts are up,
 * and a line per host that is down, so people see why a model is slow or missing.
 */
export type Catalogue = {
  models: { id: string; provider: "ollama" | "openai"; hosts: string[]; displayName?: string; default?: boolean }[];
  /** The admin's choice for new chats, when one is set. */
  defaultModel?: string | null;
  hosts: { host: string; ok: boolean; error?: string; models: string[]; loaded?: string[] }[];
};

export const EMPTY_CATALOGUE: Catalogue = { models: [], hosts: [] };

/** The model a new chat starts with: the admin's default if offered, else the first. */
export function defaultModelOf(catalogue: Catalogue) {
  return catalogue.models.find((m) => m.default)?.id ?? catalogue.models[0]?.id;
}

type Props = {
  catalogue: Catalogue;
  value?: string | null;
  name?: string;
  id?: string;
  onChange?: (model: string) => void;
};

export function ModelPicker({ catalogue, value, name = "model", id = "model", onChange }: Props) {
  const health = new Map(catalogue.hosts.map((h) => [h.host, h]));
  const known = catalogue.models.some((m) => m.id === value);
  const down = catalogue.hosts.filter((h) => !h.ok);
  return (
    <div className="model-picker">
      <label htmlFor={id}>Model</label>
      <select
        id={id}
        name={name}
        value={onChange ? (value ?? "") : undefined}
        defaultValue={onChange ? undefined : (value ?? undefined)}
        disabled={catalogue.models.length === 0}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
      >
        {value && !known ? <option value={value}>{value} (unavailable)</option> : null}
        {catalogue.models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName ?? m.id}
            {describe(m, health)}
          </option>
        ))}
      </select>
      {down.length > 0 ? (
        <p className="muted small host-health">
          {down.map((h) => (
            <span key={h.host} className="host-down">
              {h.host} is not answering{h.error ? ` (${h.error})` : ""}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function describe(model: Catalogue["models"][number], health: Map<string, Catalogue["hosts"][number]>) {
  if (model.provider === "openai") return " · API";
  const up = model.hosts.filter((h) => health.get(h)?.ok).length;
  const loaded = model.hosts.some((h) => health.get(h)?.loaded?.includes(model.id));
  return ` · ${up}/${model.hosts.length} host${model.hosts.length === 1 ? "" : "s"} up${loaded ? " · loaded" : ""}`;
}
