import { useEffect, useState } from "preact/hooks";
import { api, Report } from "../api";
import { amount, words } from "../format";

const charts = [
  { dimension: "top-breakages", title: "What breaks: the costliest products", column: "Product" },
  { dimension: "category", title: "Cost by cause", column: "Cause" },
  { dimension: "responsibility", title: "Cost by responsibility", column: "Responsibility" },
  { dimension: "carrier", title: "Cost by carrier", column: "Carrier" },
  { dimension: "month", title: "Cost by month", column: "Month" },
];

export function Reports() {
  return (
    <>
      <h1 tabIndex={-1}>Reports</h1>
      <p>What incidents cost the store (parts, replacements, shipping, labels, refunds, credit and compensation), from the cost ledger.</p>
      <div class="charts">
        {charts.map((c) => <Chart {...c} />)}
      </div>
    </>
  );
}

function Chart({ dimension, title, column }: { dimension: string; title: string; column: string }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.report(dimension).then(setReport).catch((e: Error) => setError(e.message));
  }, [dimension]);

  // Months read best in time order; the others costliest first, as the API sends them.
  const rows = report ? (dimension === "month" ? [...report.rows].sort((a, b) => a.key.localeCompare(b.key)) : report.rows) : [];
  const top = Math.max(1, ...rows.map((r) => r.totalCost));
  const id = `chart-${dimension}`;

  const download = async () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await api.reportCsv(dimension));
    link.download = `amends-${dimension}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <section class="chart" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {error ? <p class="error" role="alert">{error}</p> : !report ? <p>Loading…</p> : rows.length === 0 ? <p>No costs recorded yet.</p> : (
        <table>
          <thead>
            <tr><th scope="col">{column}</th><th scope="col">Incidents</th><th scope="col">Cost</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{dimension === "category" || dimension === "responsibility" ? words(r.key) : r.key}</th>
                <td class="num">{r.incidents}</td>
                <td>
                  <div class="bar-cell">
                    <span class="track" aria-hidden="true"><span class="bar" style={{ width: `${(r.totalCost / top) * 100}%` }} /></span>
                    <span class="num">{amount(r.totalCost)}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" class="secondary" onClick={download} aria-label={`Download CSV: ${title}`}>Download CSV</button>
    </section>
  );
}
