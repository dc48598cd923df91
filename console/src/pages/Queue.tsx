import { useEffect, useState } from "preact/hooks";
import { api, categories, IncidentSummary, responsibilities, statuses } from "../api";
import { age, when, words } from "../format";
import { navigate, root } from "../router";
import { MoreFilters, moreFilterNames } from "./QueueFilters";
import { AssigneeFilter, QueueTags } from "./StaffPanel";

// The filters the list API takes; the page's query string holds them, so a view can be shared.
const filterNames = ["status", "category", "responsibility", "from", "to", "orderNumber", "customerEmail", "assignee", ...moreFilterNames] as const;
type Filters = Record<(typeof filterNames)[number], string>;

function filtersOf(search: string): Filters {
  const query = new URLSearchParams(search);
  const filters = Object.fromEntries(filterNames.map((n) => [n, query.get(n) ?? ""])) as Filters;
  // The queue is open incidents unless staff ask otherwise ("any" lists every status).
  if (!query.has("status")) filters.status = "Open";
  return filters;
}

function apiQuery(filters: Filters, continuationToken: string | null) {
  const query = new URLSearchParams({ pageSize: "50" });
  for (const name of filterNames) {
    const value = filters[name];
    if (!value || (name === "status" && value === "any")) continue;
    query.set(name, value);
  }
  if (continuationToken) query.set("continuationToken", continuationToken);
  return query;
}

export function Queue({ search }: { search: string }) {
  const filters = filtersOf(search);
  const [draft, setDraft] = useState(filters);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const [items, setItems] = useState<IncidentSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const token = pages[pages.length - 1];
  const order = filters.dueWithinHours ? "soonest due first" : "oldest first";

  useEffect(() => {
    let current = true;
    setItems(null);
    setError(null);
    api.incidents(apiQuery(filters, token))
      .then((page) => current && (setItems(page.items), setNext(page.continuationToken)))
      .catch((e: Error) => current && setError(e.message));
    return () => { current = false; };
  }, [search, token]);

  const apply = (event: Event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const name of filterNames) {
      if (draft[name] && !(name === "status" && draft[name] === "Open")) query.set(name, draft[name]);
    }
    const text = query.toString();
    navigate(`${root}/${text ? `?${text}` : ""}`);
  };

  const field = (name: keyof Filters) => ({
    id: `filter-${name}`,
    name,
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
  });

  return (
    <>
      <h1 tabIndex={-1}>Queue</h1>
      {/* Open on a wide screen; on a phone the list comes first and the filters fold away. */}
      <details class="filter-box" open={matchMedia("(min-width: 40rem)").matches || search.length > 1}>
      <summary>Filters</summary>
      <form class="filters" onSubmit={apply} aria-label="Filters" role="search">
        <div>
          <label for="filter-status">Status</label>
          <select {...field("status")}>
            {statuses.map((s) => <option value={s}>{s}</option>)}
            <option value="any">Any</option>
          </select>
        </div>
        <div>
          <label for="filter-category">Category</label>
          <select {...field("category")}>
            <option value="">Any</option>
            {categories.map((c) => <option value={c}>{words(c)}</option>)}
          </select>
        </div>
        <div>
          <label for="filter-responsibility">Responsibility</label>
          <select {...field("responsibility")}>
            <option value="">Any</option>
            {responsibilities.map((r) => <option value={r}>{words(r)}</option>)}
          </select>
        </div>
        <div>
          <label for="filter-from">Reported from</label>
          <input type="date" {...field("from")} />
        </div>
        <div>
          <label for="filter-to">Reported before</label>
          <input type="date" {...field("to")} />
        </div>
        <div>
          <label for="filter-orderNumber">Order number</label>
          <input type="text" {...field("orderNumber")} />
        </div>
        <div>
          <label for="filter-customerEmail">Customer email</label>
          <input type="email" {...field("customerEmail")} />
        </div>
        <MoreFilters field={field} />
        <AssigneeFilter {...field("assignee")} />
        <div class="actions">
          <button type="submit">Apply filters</button>
          <a href={`${root}/`}>Clear</a>
        </div>
      </form>
      </details>

      <div aria-live="polite" class="status-line">
        {error ? <p class="error" role="alert">{error}</p> : items === null ? <p>Loading…</p> : <p>{items.length === 0 ? "No incidents match." : `${items.length} ${items.length === 1 ? "incident" : "incidents"} on this page, ${order}.`}</p>}
      </div>

      {items && items.length > 0 && (
        <table class="queue">
          <caption class="visually-hidden">Incidents, {order}</caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Age</th>
              <th scope="col">Customer</th>
              <th scope="col">Order</th>
              <th scope="col">Category</th>
              <th scope="col">Responsibility</th>
              <th scope="col">Status</th>
              <th scope="col">Next update due</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr class={i.needsAttention ? "attention" : undefined}>
                <th scope="row" data-label="Incident">
                  <a href={`${root}/incidents/${encodeURIComponent(i.id)}`}>{i.id}</a>
                  {i.needsAttention && <span class="badge warn">Needs attention</span>}
                  <QueueTags line={i} />
                </th>
                <td data-label="Age"><span title={when(i.createdAt)}>{age(i.createdAt)}</span></td>
                <td data-label="Customer"><span>{i.customerName}<br /><small>{i.customerEmail}</small></span></td>
                <td data-label="Order">{i.orderNumber}{i.sku && <><br /><small>{i.sku}</small></>}</td>
                <td data-label="Category">{words(i.category)}</td>
                <td data-label="Responsibility">{words(i.responsibility)}</td>
                <td data-label="Status">{i.status}</td>
                <td data-label="Next update due">{i.nextUpdateDueBy ? <time dateTime={i.nextUpdateDueBy}>{when(i.nextUpdateDueBy)}</time> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>Previous page</button>
        <span>Page {pages.length}</span>
        <button type="button" disabled={!next} onClick={() => setPages([...pages, next])}>Next page</button>
      </nav>
    </>
  );
}
