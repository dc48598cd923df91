import { useState } from "preact/hooks";
import { Resolution, TrackingRequest } from "../api";
import { useAction } from "../useAction";

/**
 * The tracking number of the spare part or replacement once the parcel leaves (often after the resolution
 * was chosen): emailed to the customer. Only for a resolution that ships something.
 */
export function TrackingForm(props: { resolution: Resolution; run: (tracking: TrackingRequest) => Promise<void> }) {
  const [number, setNumber] = useState("");
  const [carrier, setCarrier] = useState("");
  const { busy, error, errors, submit } = useAction();
  if (props.resolution.type !== "SparePart" && props.resolution.type !== "Replacement") return null;

  const send = async () => {
    await props.run({ trackingNumber: number.trim(), carrier: carrier.trim() || null });
    setNumber("");
    setCarrier("");
  };
  const problem = (field: string) => errors[field]?.join(" ");
  return (
    <form class="action" onSubmit={submit(send)} aria-labelledby="tracking-title">
      <h3 id="tracking-title">Tracking</h3>
      <p class="hint">
        {props.resolution.trackingNumber ? `Now: ${props.resolution.trackingNumber}. ` : ""}The customer gets the new number by email.
      </p>
      <label for="tracking-number">Tracking number</label>
      <input id="tracking-number" type="text" required maxLength={100} value={number} onInput={(e) => setNumber(e.currentTarget.value)}
        aria-invalid={problem("trackingNumber") ? "true" : undefined} aria-describedby={problem("trackingNumber") ? "tracking-number-error" : undefined} />
      {problem("trackingNumber") && <p id="tracking-number-error" class="error">{problem("trackingNumber")}</p>}
      <label for="tracking-carrier">Carrier (empty: {props.resolution.carrier ?? "as chosen"})</label>
      <input id="tracking-carrier" type="text" maxLength={100} value={carrier} onInput={(e) => setCarrier(e.currentTarget.value)} />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>Send tracking</button>
    </form>
  );
}
