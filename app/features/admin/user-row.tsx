/** One user in the admin list: role, budget, disable or enable, delete after a confirmation. */
import { useState } from "react";
import { useFetcher } from "react-router";

export type AdminUser = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "user";
  disabled: boolean;
  dailyTokenBudget?: number | null;
  conversations?: number;
  createdAt: string;
};

type Result = { ok: true } | { ok: false; message: string };

export function UserRow({ user, self }: { user: AdminUser; self: boolean }) {
  const fetcher = useFetcher<Result>();
  const [confirming, setConfirming] = useState(false);
  const submit = (fields: Record<string, string>) => fetcher.submit({ id: user.id, ...fields }, { method: "post" });
  const busy = fetcher.state !== "idle";
  if (fetcher.formData?.get("intent") === "delete") return null;
  return (
    <tr data-user={user.email}>
      <td>
        <strong>{user.name}</strong>
        {self ? <span className="badge">You</span> : null}
        <br />
        <span className="muted small">{user.email}</span>
        {fetcher.data && !fetcher.data.ok ? (
          <p className="field-error small" role="alert">
            {fetcher.data.message}
          </p>
        ) : null}
      </td>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          disabled={self || busy}
          onChange={(event) => submit({ intent: "role", role: event.target.value })}
        >
          <option value="user">User</option>
          <option value="admin">Admin</option>
        </select>
      </td>
      <td>
        <fetcher.Form method="post" className="inline-form">
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="intent" value="budget" />
          <input
            name="dailyTokenBudget"
            type="number"
            min={1}
            step={1}
            aria-label={`Daily token budget of ${user.name}`}
            placeholder="Default"
            defaultValue={user.dailyTokenBudget ?? ""}
          />
          <button type="submit" className="link-button" disabled={busy}>
            Set
          </button>
        </fetcher.Form>
      </td>
      <td>{user.conversations ?? "—"}</td>
      <td>{user.disabled ? <span className="badge danger">Disabled</span> : <span className="badge">Active</span>}</td>
      <td>
        {self ? null : (
          <div className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.name}`}
              disabled={busy}
              onClick={() => submit({ intent: user.disabled ? "enable" : "disable" })}
            >
              {user.disabled ? "Enable" : "Disable"}
            </button>
            {confirming ? (
              <span role="alertdialog" aria-label={`Delete ${user.name}?`}>
                <span className="small">Delete {user.name} and everything they wrote?</span>{" "}
                <button type="button" className="button danger-button small-button" onClick={() => submit({ intent: "delete" })}>
                  Delete
                </button>{" "}
                <button type="button" className="button small-button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" className="link-button danger" aria-label={`Delete ${user.name}`} onClick={() => setConfirming(true)}>
                Delete
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
