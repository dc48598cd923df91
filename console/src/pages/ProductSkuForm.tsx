import { useState } from "preact/hooks";
import { useAction } from "../useAction";

/** The product the incident is about: an emailed incident often has none, so no spare part can be offered until staff set it. */
export function ProductSkuForm(props: { sku: string | null | undefined; run: (sku: string) => Promise<void> }) {
  const [sku, setSku] = useState(props.sku ?? "");
  const { busy, error, submit } = useAction();
  return (
    <form class="action" onSubmit={submit(() => props.run(sku.trim()))} aria-labelledby="sku-title">
      <h3 id="sku-title">Product</h3>
      <p class="hint">Its SKU files the incident's costs under the product and offers its spare parts.</p>
      <label for="sku-text">Product SKU</label>
      <input id="sku-text" type="text" required maxLength={100} value={sku} onInput={(e) => setSku(e.currentTarget.value)} />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>Set product</button>
    </form>
  );
}
