import { useEffect, useState } from "preact/hooks";
import { ApiError, Responsibility } from "../api";
import { ClaimDetails, claims, ClaimView } from "../claims";
import { amount, when } from "../format";

/**
 * The incident's claim against the carrier: where it stands, its amount and deadline, the details staff
 * complete before filing, the steps (filed, accepted, paid, rejected) and the claim pack to download.
 * Shown once the carrier is responsible; it stays after the incident closes, as carriers pay late.
 */
export function ClaimPanel({ id, responsibility, changed }: { id: string; responsibility: Responsibility; changed: () => void }) {
  const [claim, setClaim] = useState<ClaimView | null>(null);
  const [none, setNone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  useEffect(() => {
    claims.get(id)
      .then((c) => { setClaim(c); setNone(false); })
      .catch((e: Error) => (e instanceof ApiError && e.status === 404 ? setNone(true) : setError(e.message)));
  }, [id, responsibility]);

  /** Runs a claim action; the panel shows the claim as the API answered, the page reloads its timeline. */
  const act = async (run: () => Promise<ClaimView>, done: string) => {
    setError(null);
    setSaid(null);
    try {
      setClaim(await run());
      setNone(false);
      setSaid(done);
      changed();
    } catch (e) {
      // A 400 names its fields: say what is wrong with each rather than "the request is not valid".
      setError(e instanceof ApiError && Object.keys(e.errors).length > 0 ? Object.values(e.errors).flat().join(" ") : (e as Error).message);
    }
  };

  const download = async () => {
    setError(null);
    try {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await claims.pack(id));
      link.download = `claim-${id}.pdf`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (!claim && !(none && responsibility === "Carrier")) return null;
  const near = claim?.status === "Open" && Date.now() >= new Date(claim.remindFrom).getTime();

  return (
    <section class="claim" aria-labelledby="claim-title">
      <h3 id="claim-title">Carrier claim</h3>
      <div aria-live="polite">{said && <p class="ok">{said}</p>}</div>
      {error && <p class="error" role="alert">{error}</p>}
      {!claim ? (
        <button type="button" onClick={() => act(() => claims.save(id, {}), "Claim opened.")}>Open carrier claim</button>
      ) : (
        <>
          {near && <p class="badge warn">File it by {when(claim.deadline)}: the deadline is near</p>}
          <dl>
            <dt>Status</dt><dd><strong>{claim.status}</strong>{claim.reference && <> · reference {claim.reference}</>}</dd>
            <dt>Carrier</dt><dd>{claim.carrier ?? "not named yet"}</dd>
            <dt>Original tracking</dt><dd>{claim.trackingNumber ?? "not set yet"}</dd>
            <dt>Delivered</dt><dd>{when(claim.deliveredAt)}{claim.deliveredAtAssumed && " (assumed: the day it was reported)"}</dd>
            <dt>Deadline</dt><dd>{when(claim.deadline)}</dd>
            <dt>Goods</dt><dd>{amount(claim.goods)}</dd>
            <dt>Shipping</dt><dd>{amount(claim.shipping)}</dd>
            <dt>Replacement shipping</dt><dd>{amount(claim.replacementShipping)}</dd>
            <dt>Claimed</dt><dd><strong>{amount(claim.claimedAmount)}</strong>{claim.amountCorrected && " (set by staff)"}</dd>
            {claim.paidAmount != null && (<><dt>Recovered</dt><dd>{amount(claim.paidAmount)}</dd></>)}
            {claim.lost != null && (<><dt>Lost</dt><dd>{amount(claim.lost)}</dd></>)}
            {claim.note && (<><dt>Note</dt><dd>{claim.note}</dd></>)}
          </dl>
          <button type="button" class="secondary" onClick={download}>Download claim pack (PDF)</button>
          {claim.status === "Open" && <Details claim={claim} run={(d) => act(() => claims.save(id, d), "Claim details saved.")} />}
          {claim.status === "Open" && (
            <StepForm id="claim-file" title="Filed with the carrier" field={{ label: "Carrier's claim reference (optional)", name: "reference" }} button="Record as filed"
              run={(v) => act(() => claims.record(id, "Filed", { reference: v || undefined }), "Claim recorded as filed.")} />
          )}
          {claim.status === "Filed" && (
            <StepForm id="claim-accept" title="Accepted by the carrier" button="Record as accepted"
              run={() => act(() => claims.record(id, "Accepted"), "Claim recorded as accepted.")} />
          )}
          {(claim.status === "Filed" || claim.status === "Accepted") && (<>
            <StepForm id="claim-pay" title="Paid by the carrier" field={{ label: "Amount paid", name: "amount", number: true }} button="Record as paid"
              run={(v) => act(() => claims.record(id, "Paid", { amount: Number(v) }), "Claim recorded as paid.")} />
            <StepForm id="claim-reject" title="Rejected by the carrier" field={{ label: "Why the carrier refused (optional)", name: "note" }} button="Record as rejected"
              run={(v) => act(() => claims.record(id, "Rejected", { note: v || undefined }), "Claim recorded as rejected.")} />
          </>)}
        </>
      )}
    </section>
  );
}

/** The details staff complete before filing: an empty field keeps what the claim has. */
function Details({ claim, run }: { claim: ClaimView; run: (details: ClaimDetails) => Promise<void> }) {
  const [carrier, setCarrier] = useState(claim.carrier ?? "");
  const [tracking, setTracking] = useState(claim.trackingNumber ?? "");
  const [delivered, setDelivered] = useState(claim.deliveredAtAssumed ? "" : claim.deliveredAt.slice(0, 10));
  const [shipping, setShipping] = useState(claim.shipping ? String(claim.shipping) : "");
  const [claimed, setClaimed] = useState(claim.amountCorrected ? String(claim.claimedAmount) : "");
  const number = (v: string) => (v.trim() === "" ? undefined : Number(v));
  const submit = (event: Event) => {
    event.preventDefault();
    run({
      carrier: carrier.trim() || undefined,
      trackingNumber: tracking.trim() || undefined,
      deliveredAt: delivered ? `${delivered}T00:00:00Z` : undefined,
      shipping: number(shipping),
      amount: number(claimed),
    });
  };
  return (
    <form class="action" onSubmit={submit} aria-labelledby="claim-details-title">
      <h4 id="claim-details-title">Claim details</h4>
      <label for="claim-carrier">Claim carrier</label>
      <input id="claim-carrier" value={carrier} maxLength={100} onInput={(e) => setCarrier(e.currentTarget.value)} />
      <label for="claim-tracking">Original tracking number</label>
      <input id="claim-tracking" value={tracking} maxLength={100} onInput={(e) => setTracking(e.currentTarget.value)} />
      <label for="claim-delivered">Delivered on</label>
      <input id="claim-delivered" type="date" value={delivered} onInput={(e) => setDelivered(e.currentTarget.value)} />
      <label for="claim-shipping">Original shipping cost</label>
      <input id="claim-shipping" type="number" min={0} step={0.01} value={shipping} onInput={(e) => setShipping(e.currentTarget.value)} />
      <label for="claim-amount">Claimed amount (empty: goods + shipping + replacement shipping)</label>
      <input id="claim-amount" type="number" min={0} step={0.01} value={claimed} onInput={(e) => setClaimed(e.currentTarget.value)} />
      <button type="submit">Save claim details</button>
    </form>
  );
}

/** One step of the claim, with at most one field. */
function StepForm(props: { id: string; title: string; field?: { label: string; name: string; number?: boolean }; button: string; run: (value: string) => Promise<void> }) {
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await props.run(value);
      setValue("");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="action" onSubmit={submit} aria-labelledby={`${props.id}-title`}>
      <h4 id={`${props.id}-title`}>{props.title}</h4>
      {props.field && (<>
        <label for={`${props.id}-${props.field.name}`}>{props.field.label}</label>
        {props.field.number
          ? <input id={`${props.id}-${props.field.name}`} type="number" step={0.01} required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
          : <input id={`${props.id}-${props.field.name}`} maxLength={props.field.name === "note" ? 2000 : 100} value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
      </>)}
      <button type="submit" disabled={busy}>{props.button}</button>
    </form>
  );
}
