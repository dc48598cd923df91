import { useEffect, useState } from "preact/hooks";
import { IncidentView, ParcelReturn, PaymentInstruction, returnApi } from "../api";
import { amount, when, words } from "../format";

const stages: Record<ParcelReturn["stage"], string> = {
  AwaitingParcel: "Label sent, waiting for the parcel",
  OnItsWay: "On its way back",
  Received: "Received, to inspect",
  Inspected: "Inspected, refund requested",
  RefundSent: "Refund paid",
};

const kinds: Record<PaymentInstruction["kind"], string> = {
  Refund: "Refund",
  StoreCredit: "Store credit",
  ReturnRefund: "Return refund",
  ShippingRefund: "Shipping refunded",
};

const statuses: Record<PaymentInstruction["status"], string> = {
  Requested: "Requested, waiting for the store",
  Confirmed: "Paid (confirmed by the store)",
  Failed: "Failed: pay it by hand",
  NotSent: "Not sent (no store webhook): pay it by hand",
};

/**
 * The return (stage, tracking, received, inspection) and the payment instructions of an incident, with
 * the actions the stage allows. `act` runs an action and reloads the incident, as the page's other actions do.
 */
export function ReturnPanel({ view, act }: { view: IncidentView; act: (action: () => Promise<unknown>, done: string) => Promise<void> }) {
  const { incident } = view;
  const parcel = (incident as { return?: ParcelReturn | null }).return ?? null;
  const [instructions, setInstructions] = useState<PaymentInstruction[]>([]);
  useEffect(() => {
    returnApi.instructions(incident.id).then(setInstructions).catch(() => setInstructions([]));
  }, [view]);

  // The store's confirmation and the workflow's request come without staff doing anything: look again shortly.
  const waiting = parcel?.stage === "Inspected" || instructions.some((i) => i.status === "Requested");
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => returnApi.instructions(incident.id).then(setInstructions).catch(() => {}), 2000);
    return () => clearTimeout(timer);
  }, [instructions, waiting]);

  if (!parcel && instructions.length === 0) return null;
  const open = incident.status === "Open";
  const awaited = parcel?.stage === "AwaitingParcel" || parcel?.stage === "OnItsWay";
  return (
    <section class="return-panel" aria-labelledby="return-title">
      <h3 id="return-title">Return and payments</h3>
      {parcel && (
        <dl>
          <dt>Return</dt><dd id="return-stage">{stages[parcel.stage]}</dd>
          <dt>Label sent</dt><dd>{when(parcel.labelIssuedAt)}</dd>
          {parcel.trackingNumber && (<><dt>Return tracking</dt><dd>{parcel.trackingNumber}{parcel.carrier && <> ({parcel.carrier})</>}</dd></>)}
          {parcel.reminderSent && (<><dt>Reminder</dt><dd>sent to the customer</dd></>)}
          {parcel.windowClosedFlagged && (<><dt>Return window</dt><dd><strong>closed with no parcel</strong></dd></>)}
          {parcel.receivedAt && (<><dt>Received</dt><dd>{when(parcel.receivedAt)}</dd></>)}
          {parcel.condition && (<><dt>Condition</dt><dd>{words(parcel.condition)}</dd></>)}
          {parcel.refund !== null && (<><dt>Refund</dt><dd>{amount(parcel.refund)}{parcel.refundReason && <> ({parcel.refundReason})</>}</dd></>)}
          {parcel.inspectedAt && (<><dt>Restocking fee</dt><dd>{amount(parcel.restockingFee)}</dd><dt>Goods recovered</dt><dd>{amount(parcel.recoveredValue)}</dd></>)}
        </dl>
      )}
      {open && parcel && awaited && <Awaited id={incident.id} act={act} />}
      {open && parcel?.stage === "Received" && <Inspection id={incident.id} policyRefund={incident.resolution?.refundAmount ?? null} act={act} />}
      {instructions.length > 0 && (
        <table class="payments">
          <caption>Payment instructions</caption>
          <thead><tr><th scope="col">What</th><th scope="col">Amount</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {instructions.map((i) => (
              <tr>
                <th scope="row">{kinds[i.kind]}</th>
                <td>{amount(i.amount)} {i.currency}</td>
                <td>{statuses[i.status]}{i.storeReference && <> · ref {i.storeReference}</>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Awaited({ id, act }: { id: string; act: (action: () => Promise<unknown>, done: string) => Promise<void> }) {
  const [tracking, setTracking] = useState("");
  const [carrier, setCarrier] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await act(action, done);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    run(() => returnApi.tracking(id, tracking, carrier), "Return tracking saved.");
  };
  return (
    <>
      <form class="action" onSubmit={submit} aria-labelledby="return-tracking-title">
        <h4 id="return-tracking-title">The parcel is on its way</h4>
        <label for="return-tracking">Return tracking number</label>
        <input id="return-tracking" required maxLength={100} value={tracking} onInput={(e) => setTracking(e.currentTarget.value)} />
        <label for="return-carrier">Return carrier (optional)</label>
        <input id="return-carrier" maxLength={100} value={carrier} onInput={(e) => setCarrier(e.currentTarget.value)} />
        <button type="submit">Save return tracking</button>
      </form>
      <p class="action">
        <button type="button" onClick={() => run(() => returnApi.received(id), "Return received: the customer is told.")}>Mark the return received</button>
      </p>
      {error && <p class="error" role="alert">{error}</p>}
    </>
  );
}

function Inspection({ id, policyRefund, act }: { id: string; policyRefund: number | null; act: (action: () => Promise<unknown>, done: string) => Promise<void> }) {
  const [condition, setCondition] = useState("AsNew");
  const [refund, setRefund] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await act(() => returnApi.inspect(id, condition, refund === "" ? null : Number(refund), reason), "Inspection recorded: the refund is requested from the store.");
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form class="action" onSubmit={submit} aria-labelledby="inspection-title">
      <h4 id="inspection-title">Inspection</h4>
      <label for="return-condition">Condition</label>
      <select id="return-condition" value={condition} onChange={(e) => setCondition(e.currentTarget.value)}>
        <option value="AsNew">As new</option>
        <option value="Damaged">Damaged</option>
        <option value="PartsMissing">Parts missing</option>
      </select>
      <label for="return-refund">Refund, if not the policy's{policyRefund !== null && ` (${amount(policyRefund)})`}</label>
      <input id="return-refund" type="number" min={0} step={0.01} value={refund} onInput={(e) => setRefund(e.currentTarget.value)} />
      <label for="return-reason">Why the refund differs</label>
      <input id="return-reason" maxLength={1000} required={refund !== ""} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit">Record inspection</button>
    </form>
  );
}
