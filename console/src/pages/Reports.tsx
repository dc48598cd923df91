import { useEffect, useState } from "preact/hooks";
import { api, ResponseTimesReport, SatisfactionReport } from "../api";
import { amount, words } from "../format";
import { ClaimsReportChart } from "./ClaimsReport";

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
      <p>What incidents cost the store (parts, replacements, shipping, labels, refunds, credit and compensation), from the cost ledger; how fast they were answered and fixed; and what customers thought.</p>
      <div class="charts">
        {charts.map((c) => <Chart {...c} />)}
        <ResponseTimes />
        <Satisfaction />
        <ClaimsReportChart />
      </div>
    </>
  );
}

function Chart({ dimension, title, column }: { dimension: string; title: string; column: string }) {
  const [report, error] = useReport(() => api.report(dimension), dimension);

  // Months read best in time order; the others costliest first, as the API sends them.
  const rows = report ? (dimension === "month" ? [...report.rows].sort((a, b) => a.key.localeCompare(b.key)) : report.rows) : [];
  const top = Math.max(1, ...rows.map((r) => r.totalCost));
  const id = `chart-${dimension}`;

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
      <CsvButton dimension={dimension} title={title} />
    </section>
  );
}

/** How fast incidents were acknowledged and resolved, by month of closing, oldest first. */
function ResponseTimes() {
  const title = "Time to acknowledge and resolve";
  const [report, error] = useReport<ResponseTimesReport>(api.responseTimes);
  const top = Math.max(1, ...(report?.rows ?? []).map((r) => r.averageDaysToResolve ?? 0));

  return (
    <section class="chart wide" aria-labelledby="chart-response-times">
      <h2 id="chart-response-times">{title}</h2>
      {error ? <p class="error" role="alert">{error}</p> : !report ? <p>Loading…</p> : report.rows.length === 0 ? <p>No incident closed yet.</p> : (
        <table>
          <thead>
            <tr><th scope="col">Month closed</th><th scope="col">Closed</th><th scope="col">Mean minutes to acknowledge</th><th scope="col">Silence updates sent</th><th scope="col">Mean days to resolve</th></tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr>
                <th scope="row">{r.month}</th>
                <td class="num">{r.closed}</td>
                <td class="num">{r.averageMinutesToAcknowledge ?? "–"}</td>
                <td class="num">{r.silenceUpdates}</td>
                <td>
                  <div class="bar-cell">
                    <span class="track" aria-hidden="true"><span class="bar" style={{ width: `${((r.averageDaysToResolve ?? 0) / top) * 100}%` }} /></span>
                    <span class="num">{r.averageDaysToResolve ?? "–"}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CsvButton dimension="response-times" title={title} />
    </section>
  );
}

/** What customers answered to "How did we do?", 1 to 5. */
function Satisfaction() {
  const title = "Customer satisfaction";
  const [report, error] = useReport<SatisfactionReport>(api.satisfaction);
  const top = Math.max(1, ...(report?.rows ?? []).map((r) => r.responses));

  return (
    <section class="chart" aria-labelledby="chart-satisfaction">
      <h2 id="chart-satisfaction">{title}</h2>
      {error ? <p class="error" role="alert">{error}</p> : !report ? <p>Loading…</p> : report.responses === 0 ? <p>No answers yet.</p> : (
        <>
          <p>{report.responses} answers, average {report.average} of 5.</p>
          <table>
            <thead>
              <tr><th scope="col">Score</th><th scope="col">Answers</th></tr>
            </thead>
            <tbody>
              {[...report.rows].reverse().map((r) => (
                <tr>
                  <th scope="row">{r.score}</th>
                  <td>
                    <div class="bar-cell">
                      <span class="track" aria-hidden="true"><span class="bar" style={{ width: `${(r.responses / top) * 100}%` }} /></span>
                      <span class="num">{r.responses}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <CsvButton dimension="satisfaction" title={title} />
    </section>
  );
}

/** A report loaded once (again when `key` changes), or the error that stopped it. */
export function useReport<T>(load: () => Promise<T>, key = ""): [T | null, string | null] {
  const [report, setReport] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(setReport).catch((e: Error) => setError(e.message));
  }, [key]);
  return [report, error];
}

export function CsvButton({ dimension, title }: { dimension: string; title: string }) {
  const download = async () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await api.reportCsv(dimension));
    link.download = `amends-${dimension}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return <button type="button" class="secondary" onClick={download} aria-label={`Download CSV: ${title}`}>Download CSV</button>;
}
