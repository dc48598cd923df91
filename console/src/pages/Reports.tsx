import { useEffect, useState } from "preact/hooks";
import { api, ResponseTimesReport, SatisfactionReport } from "../api";
import { amount, words } from "../format";
import { ClaimsReportChart } from "./ClaimsReport";
import { TestimonialsPanel } from "./TestimonialsPanel";

const charts = [
  { dimension: "top-breakages", title: "What breaks: the costliest products", column: "Product" },
  { dimension: "category", title: "Cost by cause", column: "Cause" },
  { dimension: "responsibility", title: "Cost by responsibility", column: "Responsibility" },
  { dimension: "carrier", title: "Cost by carrier", column: "Carrier" },
  { dimension: "month", title: "Cost by month", column: "Month" },
];

const groups: Record<string, string> = { breakage: "Breakage", byChoice: "Returns by choice", other: "Other" };

/** The months the reports cover, both included (yyyy-MM), and whose costs they show. */
interface Filter { from: string; to: string; group: string }

function queryOf({ from, to, group }: Filter, withGroup = true) {
  const query = new URLSearchParams();
  if (from) query.set("from", from);
  if (to) query.set("to", to);
  if (withGroup && group) query.set("group", group);
  return query;
}

export function Reports() {
  const [filter, setFilter] = useState<Filter>({ from: "", to: "", group: "" });
  const [draft, setDraft] = useState<Filter>(filter);
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (e: Event) => {
    e.preventDefault();
    const wrong = draft.from && draft.to && draft.from > draft.to;
    setProblem(wrong ? "The first month comes after the last." : null);
    if (!wrong) setFilter(draft);
  };

  return (
    <>
      <h1 tabIndex={-1}>Reports</h1>
      <p>What incidents cost the store (parts, replacements, shipping, labels, refunds, credit, compensation and redeemed discounts), what came back (restocking fees, goods sold again, carrier claims) and the net, from the cost ledger; how fast they were answered and fixed; and what customers thought. What breaks is kept apart from what customers return by choice.</p>
      <form class="filters" aria-label="Report filters" onSubmit={apply}>
        <label>From month<input type="month" name="from" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} /></label>
        <label>To month<input type="month" name="to" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} /></label>
        <label>Costs of
          <select name="group" value={draft.group} onChange={(e) => setDraft({ ...draft, group: e.currentTarget.value })}>
            <option value="">All incidents</option>
            <option value="breakage">Breakage (defective, damaged, missing part, our wrong item)</option>
            <option value="byChoice">Returns by choice (changed mind, ordered the wrong item)</option>
            <option value="other">Other (not delivered, not as described, not diagnosed)</option>
          </select>
        </label>
        <div class="actions"><button type="submit">Show</button></div>
        {problem && <p class="error" role="alert">{problem}</p>}
      </form>
      <div class="charts">
        <Chart dimension="group" title="Breakage and returns by choice" column="Kind" query={queryOf(filter, false)} />
        {charts.map((c) => <Chart {...c} query={queryOf(filter, c.dimension !== "top-breakages")} />)}
        <ResponseTimes query={queryOf(filter, false)} />
        <Satisfaction query={queryOf(filter, false)} />
        <ClaimsReportChart />
        <TestimonialsPanel />
      </div>
    </>
  );
}

function Chart({ dimension, title, column, query }: { dimension: string; title: string; column: string; query: URLSearchParams }) {
  const [report, error] = useReport(() => api.report(dimension, query), dimension + query);

  // Months read best in time order; the others costliest first, as the API sends them.
  const rows = report ? (dimension === "month" ? [...report.rows].sort((a, b) => a.key.localeCompare(b.key)) : report.rows) : [];
  const top = Math.max(1, ...rows.map((r) => Math.abs(r.netCost)));
  const id = `chart-${dimension}`;
  const name = (key: string) => dimension === "group" ? groups[key] ?? key : dimension === "category" || dimension === "responsibility" ? words(key) : key;

  return (
    <section class="chart" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {error ? <p class="error" role="alert">{error}</p> : !report ? <p>Loading…</p> : rows.length === 0 ? <p>No costs recorded yet.</p> : (
        <table>
          <thead>
            <tr><th scope="col">{column}</th><th scope="col">Incidents</th><th scope="col">Gross</th><th scope="col">Income</th><th scope="col">Net</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{name(r.key)}</th>
                <td class="num">{r.incidents}</td>
                <td class="num">{amount(r.grossCost)}</td>
                <td class="num">{amount(r.income)}</td>
                <td>
                  <div class="bar-cell">
                    <span class="track" aria-hidden="true"><span class="bar" style={{ width: `${(Math.max(0, r.netCost) / top) * 100}%` }} /></span>
                    <span class="num">{amount(r.netCost)}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CsvButton dimension={dimension} title={title} query={query} />
    </section>
  );
}

/** How fast incidents were acknowledged and resolved, by month of closing, oldest first. */
function ResponseTimes({ query }: { query: URLSearchParams }) {
  const title = "Time to acknowledge and resolve";
  const [report, error] = useReport<ResponseTimesReport>(() => api.responseTimes(query), `${query}`);
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
      <CsvButton dimension="response-times" title={title} query={query} />
    </section>
  );
}

/** What customers answered to "How did we do?", 1 to 5. */
function Satisfaction({ query }: { query: URLSearchParams }) {
  const title = "Customer satisfaction";
  const [report, error] = useReport<SatisfactionReport>(() => api.satisfaction(query), `${query}`);
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
      <CsvButton dimension="satisfaction" title={title} query={query} />
    </section>
  );
}

/** A report loaded once (again when `key` changes), or the error that stopped it. */
export function useReport<T>(load: () => Promise<T>, key = ""): [T | null, string | null] {
  const [report, setReport] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReport(null);
    setError(null);
    load().then(setReport).catch((e: Error) => setError(e.message));
  }, [key]);
  return [report, error];
}

export function CsvButton({ dimension, title, query }: { dimension: string; title: string; query: URLSearchParams }) {
  const download = async () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await api.reportCsv(dimension, query));
    link.download = `amends-${dimension}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return <button type="button" class="secondary" onClick={download} aria-label={`Download CSV: ${title}`}>Download CSV</button>;
}
