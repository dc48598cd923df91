import { claims, ClaimsReport } from "../claims";
import { amount } from "../format";
import { CsvButton, useReport } from "./Reports";

/** Claims against carriers: what was claimed from each, recovered, lost and still pending. */
export function ClaimsReportChart() {
  const title = "Carrier claims";
  const [report, error] = useReport<ClaimsReport>(claims.report);
  const top = Math.max(1, ...(report?.rows ?? []).map((r) => r.claimed));

  return (
    <section class="chart wide" aria-labelledby="chart-claims">
      <h2 id="chart-claims">{title}</h2>
      {error ? <p class="error" role="alert">{error}</p> : !report ? <p>Loading…</p> : report.rows.length === 0 ? <p>No claim opened yet.</p> : (
        <table>
          <thead>
            <tr><th scope="col">Carrier</th><th scope="col">Claims</th><th scope="col">Claimed</th><th scope="col">Recovered</th><th scope="col">Lost</th><th scope="col">Pending</th></tr>
          </thead>
          <tbody>
            {[...report.rows, report.total].map((r) => (
              <tr>
                <th scope="row">{r.carrier}</th>
                <td class="num">{r.claims}</td>
                <td>
                  {r === report.total ? <span class="num">{amount(r.claimed)}</span> : (
                    <div class="bar-cell">
                      <span class="track" aria-hidden="true"><span class="bar" style={{ width: `${(r.claimed / top) * 100}%` }} /></span>
                      <span class="num">{amount(r.claimed)}</span>
                    </div>
                  )}
                </td>
                <td class="num">{amount(r.recovered)}</td>
                <td class="num">{amount(r.lost)}</td>
                <td class="num">{amount(r.pending)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CsvButton dimension="claims" title={title} query={new URLSearchParams()} />
    </section>
  );
}
