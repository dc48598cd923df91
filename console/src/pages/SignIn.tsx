import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { navigate, root } from "../router";

export function SignIn({ search }: { search: string }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.signIn(key.trim());
      const back = new URLSearchParams(search).get("back");
      navigate(back?.startsWith(`${root}/`) && !back.startsWith(`${root}/sign-in`) ? back : `${root}/`, true);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? "That key was refused. Check it and try again." : String((e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" tabIndex={-1}>Sign in</h1>
      <p>Enter the staff key. On the standalone server it is the API key (in <code>.amends/api-key</code> after <code>scripts/run.sh</code>); in Azure, a function key. It is kept for this browser tab only.</p>
      <p class="hint">In Azure, if your organisation sign-in has expired, reload the page to sign in again.</p>
      <form onSubmit={submit}>
        <label for="staff-key">Staff key</label>
        <input id="staff-key" name="staff-key" type="password" autoComplete="current-password" required value={key}
          aria-invalid={error ? "true" : undefined} aria-describedby={error ? "sign-in-error" : undefined}
          onInput={(e) => setKey(e.currentTarget.value)} />
        {error && <p id="sign-in-error" class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? "Checking…" : "Sign in"}</button>
      </form>
    </section>
  );
}
