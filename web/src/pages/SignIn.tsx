import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../api/client";
import type { SessionView } from "../api/types";
import { ErrorBanner, Field } from "../components/ui";
import { useI18n } from "../i18n";
import { fieldMessages } from "../i18n/errors";
import { usePageTitle } from "../lib/page";
import { safeNext, useSession } from "../session";

export function SignIn({ mode }: { mode: "login" | "register" }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldMessages(error, t);
  const next = safeNext(params.get("next"));

  usePageTitle([t(mode === "login" ? "auth.signIn" : "auth.register")]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body: Record<string, string> = {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    if (mode === "register") body.name = String(form.get("name") ?? "");
    setBusy(true);
    setError(null);
    try {
      const session = await api.json<SessionView>(`/api/v1/auth/${mode}`, { method: "POST", body, noRefresh: true });
      signedIn(session);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const other = mode === "login" ? "/register" : "/login";
  return (
    <main id="main" className="auth-page">
      <h1>{mode === "login" ? t("auth.signIn") : t("auth.register")}</h1>
      {params.get("expired") && !error && <p className="banner">{t("auth.sessionExpired")}</p>}
      <ErrorBanner error={error} />
      <form onSubmit={submit} noValidate>
        {mode === "register" && (
          <Field label={t("auth.name")} name="name" autoComplete="name" required error={fields.name} />
        )}
        <Field label={t("auth.email")} name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete={mode === "login" ? "current-password" : "new-password"}
          required
          minLength={8}
          hint={mode === "register" ? t("auth.passwordHint") : undefined}
          error={fields.password}
        />
        <button type="submit" className="primary" disabled={busy}>
          {mode === "login" ? t("auth.signIn") : t("auth.register")}
        </button>
      </form>
      <p>
        {mode === "login" ? t("auth.noAccount") : t("auth.haveAccount")}{" "}
        <Link to={`${other}${params.get("next") ? `?next=${encodeURIComponent(next)}` : ""}`}>
          {mode === "login" ? t("auth.register") : t("auth.signIn")}
        </Link>
      </p>
    </main>
  );
}
