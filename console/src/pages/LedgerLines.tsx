import { useEffect, useState } from "preact/hooks";
import { api, IncidentLedger } from "../api";
import { amount, words } from "../format";

/**
 * The incident's ledger as the reports count it: every cost and every income line (a restocking fee,
 * goods back on the shelf, a carrier's payment), and the net. Read again whenever the page changes.
 */
export function LedgerLines({ id, version }: { id: string; version: number }) {
  const [ledger, setLedger] = useState<IncidentLedger | null>(null);
  useEffect(() => {
    let current = true;
    api.ledger(id).then((l) => current && setLedger(l)).catch(() => current && setLedger(null));
    return () => { current = false; };
  }, [id, version]);

  if (!ledger || ledger.lines.length === 0) return null;
  return (
    <table class="ledger" aria-label="Ledger">
      <thead><tr><th scope="col">Line</th><th scope="col">Cost</th><th scope="col">Income</th></tr></thead>
      <tbody>
        {ledger.lines.map((l) => (
          <tr>
            <th scope="row">{words(l.kind)}</th>
            <td class="num">{l.income ? "" : amount(l.amount)}</td>
            <td class="num">{l.income ? amount(l.amount) : ""}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><th scope="row">Net cost</th><td class="num" colSpan={2}><strong>{amount(ledger.netCost)}</strong></td></tr>
      </tfoot>
    </table>
  );
}
