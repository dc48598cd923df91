import { useEffect, useState } from "preact/hooks";
import { api, ApiError, SparePart } from "../api";
import { amount } from "../format";

type Draft = { partSku: string; productSku: string; name: string; quantityOnHand: string; reorderLevel: string; unitCost: string };
const empty: Draft = { partSku: "", productSku: "", name: "", quantityOnHand: "", reorderLevel: "", unitCost: "" };

/** The spare-part catalogue: what is on the shelf, what runs low, and a form to add a part or recount one. */
export function SparePartsPage() {
  const [parts, setParts] = useState<SparePart[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => api.allSpareParts().then(setParts).catch((e: Error) => setError(e.message));
  useEffect(() => {
    load();
  }, []);

  const edit = (p: SparePart) => {
    setEditing(p.partSku);
    setErrors({});
    setFormError(null);
    setDraft({ partSku: p.partSku, productSku: p.productSku, name: p.name, quantityOnHand: String(p.quantityOnHand), reorderLevel: String(p.reorderLevel), unitCost: String(p.unitCost) });
    document.getElementById("part-form-title")?.scrollIntoView();
    document.getElementById("part-quantityOnHand")?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setSaid(null);
    setFormError(null);
    setErrors({});
    const whole = (text: string) => (text.trim() === "" ? null : Number(text));
    try {
      const saved = await api.putSparePart(draft.partSku.trim(), {
        productSku: draft.productSku.trim(),
        name: draft.name.trim(),
        quantityOnHand: whole(draft.quantityOnHand),
        reorderLevel: whole(draft.reorderLevel),
        unitCost: whole(draft.unitCost),
      });
      setSaid(`Saved ${saved.name} (${saved.partSku}): ${saved.quantityOnHand} on hand.`);
      setEditing(null);
      setDraft(empty);
      await load();
    } catch (e) {
      setFormError((e as Error).message);
      if (e instanceof ApiError) setErrors(e.errors);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof Draft, label: string, type: "text" | "number", step?: string) => {
    const id = `part-${name}`;
    const problem = errors[name]?.join(" ");
    const common = {
      id, name, required: name !== "reorderLevel", readOnly: name === "partSku" && editing !== null, value: draft[name],
      "aria-invalid": problem ? ("true" as const) : undefined, "aria-describedby": problem ? `${id}-error` : undefined,
      onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
    };
    return (
      <div class="field">
        <label for={id}>{label}</label>
        {type === "number" ? <input type="number" min={0} step={step} {...common} /> : <input type="text" {...common} />}
        {problem && <p id={`${id}-error`} class="error">{problem}</p>}
      </div>
    );
  };

  const low = parts?.filter((p) => p.isLowStock) ?? [];
  return (
    <>
      <h1 tabIndex={-1}>Spare parts</h1>
      <div aria-live="polite" class="status-line">
        {error ? <p class="error" role="alert">{error}</p> : parts === null ? <p>Loading…</p> : said ? <p class="ok">{said}</p> : null}
      </div>

      {parts && (
        <section aria-labelledby="low-title">
          <h2 id="low-title">Low stock</h2>
          {low.length === 0 ? <p>Every part is at or above its reorder level.</p> : (
            <ul class="flags">
              {low.map((p) => <li class="badge warn">{p.name} ({p.partSku}): {p.quantityOnHand} left, reorder at {p.reorderLevel}</li>)}
            </ul>
          )}
        </section>
      )}

      {parts && parts.length > 0 && (
        <section aria-labelledby="stock-title">
          <h2 id="stock-title">Stock</h2>
          <table class="queue parts">
            <caption class="visually-hidden">Spare parts by part SKU</caption>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col">Product</th>
                <th scope="col">On hand</th>
                <th scope="col">Reorder level</th>
                <th scope="col">Unit cost</th>
                <th scope="col"><span class="visually-hidden">Edit</span></th>
              </tr>
            </thead>
            <tbody>
              {parts.map((p) => (
                <tr class={p.isLowStock ? "attention" : undefined}>
                  <th scope="row" data-label="Part">{p.name}<br /><small>{p.partSku}</small>{p.isLowStock && <span class="badge warn">Low stock</span>}</th>
                  <td data-label="Product">{p.productSku}</td>
                  <td data-label="On hand" class="num">{p.quantityOnHand}</td>
                  <td data-label="Reorder level" class="num">{p.reorderLevel}</td>
                  <td data-label="Unit cost" class="num">{amount(p.unitCost)}</td>
                  <td data-label="Edit"><button type="button" onClick={() => edit(p)} aria-label={`Edit ${p.name} (${p.partSku})`}>Edit</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {parts && parts.length === 0 && <p>No spare parts in the catalogue yet.</p>}

      <form class="action part-form" onSubmit={submit} aria-labelledby="part-form-title">
        <h2 id="part-form-title">{editing ? `Edit ${editing}` : "Add a part"}</h2>
        <p class="hint">Saving sets the count outright (a recount of the shelf). Below the reorder level, the part shows as low stock.</p>
        {field("partSku", "Part SKU", "text")}
        {field("productSku", "Product it mends (SKU)", "text")}
        {field("name", "Name", "text")}
        {field("quantityOnHand", "On hand", "number", "1")}
        {field("reorderLevel", "Reorder level", "number", "1")}
        {field("unitCost", "Unit cost", "number", "0.01")}
        {formError && <p class="error" role="alert">{formError}</p>}
        <button type="submit" disabled={busy}>Save part</button>
        {editing && <button type="button" class="link" onClick={() => { setEditing(null); setDraft(empty); }}>Cancel</button>}
      </form>
    </>
  );
}
