// The queue's search and the filters beyond the incident's facts: text, product, needs attention, due soon.
// Their names are the list API's query parameters, so the page's address holds them as it holds the others.
export const moreFilterNames = ["q", "sku", "needsAttention", "dueWithinHours"] as const;

type Field = (name: (typeof moreFilterNames)[number]) => { id: string; name: string; value: string; onInput: (e: Event) => void };

export function MoreFilters({ field }: { field: Field }) {
  return (
    <>
      <div>
        <label for="filter-q">Search</label>
        <input type="search" placeholder="Name, email, order, words" {...field("q")} />
      </div>
      <div>
        <label for="filter-sku">Product SKU</label>
        <input type="text" {...field("sku")} />
      </div>
      <div>
        <label for="filter-needsAttention">Needs attention</label>
        <select {...field("needsAttention")}>
          <option value="">Any</option>
          <option value="true">Needs attention</option>
          <option value="false">Does not</option>
        </select>
      </div>
      <div>
        <label for="filter-dueWithinHours">Customer must hear from us</label>
        <select {...field("dueWithinHours")}>
          <option value="">Any time</option>
          <option value="0">Overdue</option>
          <option value="24">Within 24 hours</option>
          <option value="48">Within 48 hours</option>
          <option value="168">Within 7 days</option>
        </select>
      </div>
    </>
  );
}
