import { useState } from "preact/hooks";
import { Resolution, ResolutionRequest, ResolutionType, resolutionTypes, SparePart } from "../api";
import { amount, words } from "../format";
import { useAction } from "../useAction";

type Field = "partSku" | "partCost" | "replacementCost" | "shippingCost" | "labelCost" | "refundAmount" | "itemPrice" | "trackingNumber" | "carrier" | "note";

// The form of each kind: only the costs and facts that kind has. A return's refund is not entered: the
// return policy works it out from the item price (less any restocking fee and return shipping).
const fieldsOf: Record<ResolutionType, Field[]> = {
  SparePart: ["partSku", "partCost", "shippingCost", "trackingNumber", "carrier", "note"],
  Replacement: ["replacementCost", "shippingCost", "trackingNumber", "carrier", "note"],
  ReturnWithLabel: ["itemPrice", "labelCost", "carrier", "note"],
  Refund: ["refundAmount", "carrier", "note"],
  StoreCredit: ["refundAmount", "note"],
};

// Fields the API needs for a kind (it answers 400 without them, or the resolution means nothing).
const requiredOf: Partial<Record<ResolutionType, Field[]>> = {
  ReturnWithLabel: ["itemPrice"],
  Refund: ["refundAmount"],
  StoreCredit: ["refundAmount"],
};

const labels: Record<Field, string> = {
  partSku: "Spare part from stock (SKU)",
  partCost: "Part cost",
  replacementCost: "Replacement cost",
  shippingCost: "Shipping cost",
  labelCost: "Return label cost (empty: the label's own)",
  refundAmount: "Amount refunded",
  itemPrice: "Price the customer paid for the item",
  trackingNumber: "Tracking number",
  carrier: "Carrier",
  note: "Note to the customer",
};

const money: Field[] = ["partCost", "replacementCost", "shippingCost", "labelCost", "refundAmount", "itemPrice"];

export function ResolutionForm(props: { parts: SparePart[]; chosen: Resolution | null | undefined; run: (resolution: ResolutionRequest) => Promise<void> }) {
  const [type, setType] = useState<ResolutionType>(props.chosen?.type ?? "SparePart");
  const [values, setValues] = useState<Partial<Record<Field, string>>>({});
  const { busy, error, errors, submit } = useAction();

  const record = async () => {
    // Only this kind's fields; every other is null, as the API expects.
    const text = (field: Field) => (fieldsOf[type].includes(field) && values[field]?.trim()) || null;
    const number = (field: Field) => (text(field) === null ? null : Number(text(field)));
    const partSku = text("partSku");
    const body: ResolutionRequest = {
      type,
      partSku,
      partCost: partSku ? null : number("partCost"), // a part from stock costs its unit cost
      replacementCost: number("replacementCost"),
      shippingCost: number("shippingCost"),
      labelCost: number("labelCost"),
      refundAmount: number("refundAmount"),
      itemPrice: number("itemPrice"),
      trackingNumber: text("trackingNumber"),
      carrier: text("carrier"),
      note: text("note"),
    };
    await props.run(body);
    setValues({});
  };

  const input = (field: Field) => {
    if (field === "partCost" && values.partSku) return null;
    const id = `resolution-${field}`;
    const problem = errors[field]?.join(" ");
    const common = {
      id,
      name: field,
      value: values[field] ?? "",
      required: requiredOf[type]?.includes(field),
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
    <form class="action" onSubmit={submit(record)} aria-labelledby="resolution-title">
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
      {type === "ReturnWithLabel" && <p class="hint">The return label is made and emailed; the refund is the item price less the return policy's restocking fee and any return shipping the customer pays.</p>}
      {fieldsOf[type].map(input)}
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>Record resolution</button>
    </form>
  );
}
