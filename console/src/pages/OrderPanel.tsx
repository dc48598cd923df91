import type { Incident } from "../api";
import { when } from "../format";

const states: Record<string, string> = {
  Pending: "The store could not be asked yet: Amends asks again on its next sweep.",
  NotFound: "The store has no order with this number: ask the customer for the right one.",
  GaveUp: "The store could not be read for days: add the order's details by hand.",
};

/**
 * The incident's order as the store gave it (docs/orders.md): its lines, where it went and how. When the customer's
 * words did not say which line is the problem, staff choose it here; that sets the incident's product (SKU).
 */
export function OrderPanel(props: { incident: Incident; choose?: (sku: string) => void }) {
  const lookup = props.incident.order;
  if (!lookup) return null;
  const order = lookup.details;
  if (!order) return (<><h3>Order from the store</h3><p class="hint">{states[lookup.state] ?? lookup.state}</p></>);
  const address = order.shippingAddress;
  const chosen = props.incident.sku;
  return (
    <>
      <h3>Order {order.number} from the store</h3>
      {!chosen && order.lines.length > 1 && <p class="hint">The customer's words do not say which line: choose the product.</p>}
      <table class="lines">
        <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col">Qty</th><th scope="col">Unit price</th><th scope="col"><span class="visually-hidden">Choose</span></th></tr></thead>
        <tbody>
          {order.lines.map((l) => (
            <tr>
              <td>{l.name}</td><td><code>{l.sku}</code></td><td>{l.quantity}</td><td>{l.unitPrice}{order.currency ? ` ${order.currency}` : ""}</td>
              <td>{l.sku && l.sku === chosen ? <strong>this one</strong>
                : l.sku && props.choose && <button type="button" onClick={() => props.choose!(l.sku)}>This one</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl>
        {address && (<><dt>Shipped to</dt><dd>{[address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.region, address.countryCode].filter(Boolean).join(", ")}</dd></>)}
        {(order.carrier || order.trackingNumber) && (<><dt>Carrier</dt><dd>{order.carrier}{order.trackingNumber && <> · <code>{order.trackingNumber}</code></>}</dd></>)}
        {order.shippedAt && (<><dt>Shipped</dt><dd>{when(order.shippedAt)}</dd></>)}
        {order.deliveredAt && (<><dt>Delivered</dt><dd>{when(order.deliveredAt)}</dd></>)}
      </dl>
    </>
  );
}
