/**
 * The sign-in and sign-up form. Works without JavaScript (a plain POST to the route's action);
 * with it, shows progress and keeps what was typed when the server refuses.
 */
import { Form, Link, useNavigation } from "react-router";
import type { Branding } from "../../../worker/branding/defaults";
import { BrandFooter } from "../shell/brand-footer";
import type { FormResult } from "./form-result";

type Props = { mode: "login" | "register"; result?: FormResult; branding: Branding };

export function AuthForm({ mode, result, branding }: Props) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const isLogin = mode === "login";
  const fieldError = (name: string) => result?.fields?.[name];
  return (
    <main className="centered">
      <div className="card auth-card">
        <div className="brand">
          {branding.logoUrl ? <img src={branding.logoUrl} alt="" className="brand-logo" /> : <span className="brand-mark" aria-hidden="true" />}
          <div>
            <p className="brand-name">{branding.appName}</p>
            <p className="muted small">{branding.tagline}</p>
          </div>
        </div>
        <h1>{isLogin ? "Sign in" : "Create your account"}</h1>
        {result?.message ? (
          <p className="form-error" role="alert">
            {result.message}
          </p>
        ) : null}
        <Form method="post" noValidate={false} aria-busy={busy}>
          {!isLogin ? (
            <Field name="name" label="Name" autoComplete="name" error={fieldError("name")} defaultValue={result?.values?.name} />
          ) : null}
          <Field name="email" label="Email" type="email" autoComplete="email" error={fieldError("email")} defaultValue={result?.values?.email} />
          <Field
            name="password"
            label="Password"
            type="password"
            autoComplete={isLogin ? "current-password" : "new-password"}
            minLength={isLogin ? undefined : 10}
            hint={isLogin ? undefined : "At least 10 characters; a few words make a strong one."}
            error={fieldError("password")}
          />
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? (isLogin ? "Signing in…" : "Creating account…") : isLogin ? "Sign in" : "Create account"}
          </button>
        </Form>
        <p className="muted small switch">
          {isLogin ? (
            <>
              New here? <Link to="/register">Create an account</Link>
            </>
          ) : (
            <>
              Already have an account? <Link to="/login">Sign in</Link>
            </>
          )}
        </p>
      </div>
      <BrandFooter branding={branding} />
    </main>
  );
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  autoComplete: string;
  error?: string;
  hint?: string;
  minLength?: number;
  defaultValue?: string;
};

function Field({ name, label, type = "text", autoComplete, error, hint, minLength, defaultValue }: FieldProps) {
  const describedBy = [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        minLength={minLength}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint ? (
        <p id={`${name}-hint`} className="muted small">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
