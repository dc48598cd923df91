import { useState } from "preact/hooks";
import { ApiError } from "./api";

/**
 * A staff form's submit: its button is disabled while the call runs (so a double click sends once), a
 * failure shows its message, and the API's per-field problems are kept for the fields that show them.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  /** The form's `onSubmit`, running `work` (the call and what follows its success). */
  const submit = (work: () => Promise<void>) => async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof ApiError) setErrors(e.errors);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, errors, submit };
}
