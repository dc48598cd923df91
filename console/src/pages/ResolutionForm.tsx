import { useState } from "preact/hooks";
import { ApiError, Resolution, ResolutionType, resolutionTypes, SparePart } from "../api";
import { amount, words } from "../format";

type Field = "partSku" | "partCost" | "replacementCost" | "shippingCost" | "labelCost" | "refundAmount" | "trackingNumber" | "carrier" | "note";

// The form of each kind: only the costs and facts that kind has.
const fieldsOf: Record<ResolutionType, Field[]> = {
  SparePart: ["partSku", "partCost", "shippingCost", "trackingNumber", "carrier", "note"],
  Replacement: ["replacementCost", "shippingCost", "trackingNumber", "carrier", "note"],
  ReturnWithLabel: ["labelCost", "refundAmount", "trackingNumber", "carrier", "note"],
  Refund: ["refundAmount", "carrier", "note"],
  StoreCredit: ["refundAmount", "note"],
};

const labels: Record<Field, string> = {
  partSku: "Spare part from stock (SKU)",
  partCost: "Part cost",
  replacementCost: "Replacement cost",
  shippingCost: "Shipping cost",
  labelCost: "Return label cost",
  refundAmount: "Amount refunded",
  trackingNumber: "Tracking number",
  carrier: "Carrier",
  note: "Note to the customer",
};

const money: Field[] = ["partCost", "replacementCost", "shippingCost", "labelCost", "refundAmount"];

export function ResolutionForm(props: { parts: SparePart[]; chosen: Resolution | null; run: (resolution: Record<string, unknown>) => Promise<void> }) {
  const [type, setType] = useState<ResolutionType>(props.chosen?.type ?? "SparePart");
  const [values, setValues] = useState<Partial<Record<Field, string>>>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    const body: Record<string, unknown> = { type };
    for (const field of fieldsOf[type]) {
      const value = values[field]?.trim();
      if (value) body[field] = money.includes(field) ? Number(value) : value;
    }
    try {
      await props.run(body);
      setValues({});
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof ApiError) setErrors(e.errors);
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Field) => {
    const id = `resolution-${field}`;
    const problem = errors[field]?.join(" ");
    const common = {
      id,
      name: field,
      value: values[field] ?? "",
      "aria-invalid": problem ? ("true" as const) : undefined,
      "aria-describedby": problem ? `${id}-error` : undefined,
      onInput: (e: Event) => setValues({ ...values, [field]: (e.currentTarget as HTMLInputElement).value }),
    };
    return (
      <div class="field">
        <label for={id}>{type === "StoreCredit" && field === "refundAmount" ? "Store credit amount" : labels[field]}</label>
        {field === "note" ? (
          <textarea rows={2} {...common} />
        ) : field === "partSku" && props.parts.length > 0 ? (
          <select {...common} onChange={common.onInput}>
            <option value="">None from stock</option>
            {props.parts.map((p) => (
              <option value={p.partSku} disabled={p.quantityOnHand === 0}>
                {p.name} ({p.partSku}) · {p.quantityOnHand} on hand · {amount(p.unitCost)}
              </option>
            ))}
          </select>
        ) : money.includes(field) ? (
          <input type="number" min="0" step="0.01" inputMode="decimal" {...common} />
        ) : (
          <input type="text" {...common} />
        )}
        {problem && <p id={`${id}-error`} class="error">{problem}</p>}
      </div>
    );
  };

  return (
    <form class="action" onSubmit={submit} aria-labelledby="resolution-title">
      <h3 id="resolution-title">Resolution</h3>
      {props.chosen && <p class="hint">Chosen: {words(props.chosen.type)}. Choosing again records the new one.</p>}
      <fieldset>
        <legend>Kind</legend>
        {resolutionTypes.map((t) => (
          <label class="choice">
            <input type="radio" name="resolution-type" value={t} checked={type === t} onChange={() => setType(t)} /> {words(t)}
          </label>
        ))}
      </fieldset>
      {type === "SparePart" && <p class="hint">A part from stock takes one off the shelf and its unit cost becomes the part cost.</p>}
      {fieldsOf[type].map(input)}
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>Record resolution</button>
    </form>
  );
}
