import { useEffect, useState } from "preact/hooks";
import { api, ApiError, Category, CompensationChoice, CompensationProposal, categories, IncidentView, Photo, Resolution, responsibilities, Responsibility, SparePart, TimelineEntry } from "../api";
import { age, amount, when, words } from "../format";
import { root } from "../router";
import { useAction } from "../useAction";
import { ClaimPanel } from "./ClaimPanel";
import { LedgerLines } from "./LedgerLines";
import { ResolutionForm } from "./ResolutionForm";
import { ProductSkuForm } from "./ProductSkuForm";
import { OrderPanel } from "./OrderPanel";
import { TrackingForm } from "./TrackingForm";
import { ReturnPanel } from "./ReturnPanel";
import { AttentionReasons, StaffPanel } from "./StaffPanel";

const kindNames: Record<string, string> = {
  Reported: "Reported",
  Acknowledged: "Acknowledgement sent",
  StaffUpdate: "Reply to customer",
  InternalNote: "Internal note",
  Diagnosed: "Diagnosis",
  ResolutionChosen: "Resolution chosen",
  Resolved: "Resolved",
  SilenceUpdate: "Silence update sent",
  Apologized: "Apology sent",
  Closed: "Closed",
  CustomerMessage: "Customer message",
  NeedsReview: "Needs review",
  AttachmentRejected: "Attachment refused",
  PhotoAdded: "Photo added",
  AutomaticReply: "Automatic reply",
};

export function IncidentPage({ id }: { id: string }) {
  const [view, setView] = useState<IncidentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [parts, setParts] = useState<SparePart[]>([]);
  const [proposal, setProposal] = useState<CompensationProposal | null>(null);

  const load = () =>
    api.incident(id).then(setView).catch((e: Error) => setError(e instanceof ApiError && e.status === 404 ? `There is no incident ${id}.` : e.message));

  useEffect(() => {
    load();
  }, [id]);

  // While the workflow still has something to do (an email to send, the apology after resolving),
  // look again shortly, so staff see it happen without reloading.
  const pending = !!view && ((view.incident.status === "Resolved" && !view.timeline.some((e) => e.kind === "Apologized")) ||
    view.timeline.some((e) => e.customerFacing && !e.delivered));
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(load, 2000);
    return () => clearTimeout(timer);
  }, [view]);

  // What the policy gives depends on the diagnosis and the incident's age: ask again as it changes.
  const open = view?.incident.status === "Open";
  useEffect(() => {
    if (open) api.compensation(id).then(setProposal).catch(() => setProposal(null));
  }, [view, open]);

  const sku = view?.incident.sku;
  useEffect(() => {
    if (sku) api.spareParts(sku).then(setParts).catch(() => setParts([]));
  }, [sku]);

  /** Runs a staff action, then shows the incident as it now stands. */
  const act = async (action: () => Promise<unknown>, done: string) => {
    setSaid(null);
    await action();
    setSaid(done);
    await load();
  };

  if (error) return (<><h1 tabIndex={-1}>Incident {id}</h1><p class="error" role="alert">{error}</p><p><a href={`${root}/`}>Back to the queue</a></p></>);
  if (!view) return (<><h1 tabIndex={-1}>Incident {id}</h1><p aria-live="polite">Loading…</p></>);

  const { incident, timeline, nextUpdateDueBy } = view;
  const diagnosed = timeline.some((e) => e.kind === "Diagnosed");
  const needsReview = timeline.some((e) => e.kind === "NeedsReview");
  const lowStock = parts.filter((p) => p.isLowStock);

  return (
    <>
      <p class="crumbs"><a href={`${root}/`}>Queue</a> › {incident.id}</p>
      <h1 tabIndex={-1}>
        Incident {incident.id} <span class={`badge status-${incident.status.toLowerCase()}`}>{incident.status}</span>
      </h1>
      <div aria-live="polite" class="status-line">{said && <p class="ok">{said}</p>}</div>

      <div class="incident">
        <section class="facts" aria-labelledby="facts-title">
          <h2 id="facts-title">Summary</h2>
          {(incident.needsAttention || needsReview || lowStock.length > 0) && (
            <ul class="flags" aria-label="Needs attention">
              <AttentionReasons incident={incident} />
              {needsReview && <li class="badge warn">A mail needs review</li>}
              {lowStock.map((p) => <li class="badge warn">Low stock: {p.name} ({p.quantityOnHand} left)</li>)}
            </ul>
          )}
          <dl>
            <dt>Customer</dt><dd>{incident.customer.name} &lt;{incident.customer.email}&gt; · {incident.customer.language}</dd>
            <dt>Order</dt><dd>{incident.orderNumber}{incident.sku && <> · product {incident.sku}</>}</dd>
            <dt>Reported</dt><dd>{when(incident.createdAt)} ({age(incident.createdAt)} ago)</dd>
            <dt>Category</dt><dd>{words(incident.category)}{!diagnosed && " (first guess)"}</dd>
            <dt>Responsibility</dt><dd>{words(incident.responsibility)}{!diagnosed && " (first guess)"}</dd>
            <dt>Last news to customer</dt><dd>{when(incident.lastCustomerContactAt)}</dd>
            {nextUpdateDueBy && (<><dt>Next update due by</dt><dd><strong>{when(nextUpdateDueBy)}</strong></dd></>)}
            {incident.resolvedAt && (<><dt>Resolved</dt><dd>{when(incident.resolvedAt)}</dd></>)}
            {incident.closedAt && (<><dt>Closed</dt><dd>{when(incident.closedAt)}</dd></>)}
            {incident.discountCode && (<><dt>Compensation code</dt><dd><code>{incident.discountCode}</code></dd></>)}
          </dl>
          <StaffPanel incident={incident} act={act} />
          <h3>Customer's words</h3>
          <blockquote class="words">{incident.description}</blockquote>
          <OrderPanel incident={incident} choose={open ? (sku) => act(() => api.setSku(incident.id, sku), "Product set.") : undefined} />
          {incident.resolution && <Costs resolution={incident.resolution} />}
          <LedgerLines id={incident.id} version={timeline.length} />
          <ReturnPanel view={view} act={act} />
          <Photos id={incident.id} timeline={timeline} />
          <ClaimPanel id={incident.id} responsibility={incident.responsibility} changed={load} />
        </section>

        <section class="timeline" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <ol>
            {timeline.map((e) => <Entry entry={e} />)}
          </ol>
        </section>

        {open && (
          <section class="actions" aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <TextAction id="reply" title="Reply to the customer" label="Message (emailed to the customer)" button="Send reply"
              run={(text) => act(() => api.reply(incident.id, text), "Reply sent to the customer.")} />
            <TextAction id="note" title="Internal note" label="Note (staff only)" button="Add note"
              run={(text) => act(() => api.note(incident.id, text), "Note added.")} />
            <Diagnosis category={incident.category} responsibility={incident.responsibility} firstGuess={!diagnosed}
              run={(c, r) => act(() => api.diagnose(incident.id, c, r), "Diagnosis saved.")} />
            <ProductSkuForm sku={incident.sku} run={(sku) => act(() => api.setSku(incident.id, sku), "Product set.")} />
            <ResolutionForm parts={parts} chosen={incident.resolution}
              run={(r) => act(() => api.chooseResolution(incident.id, r), "Resolution recorded.")} />
            {incident.resolution && <TrackingForm resolution={incident.resolution}
              run={(t) => act(() => api.tracking(incident.id, t), "Tracking sent to the customer.")} />}
            <ResolveAction proposal={proposal}
              run={(note, compensation) => act(() => api.resolve(incident.id, note, compensation), "Resolved: the apology and compensation go out now.")} />
          </section>
        )}
      </div>
    </>
  );
}

/** The policy's compensation in words, e.g. "a 10% discount code (valid 90 days)". */
function offer(p: CompensationProposal) {
  switch (p.outcome) {
    case "Discount": {
      const days = p.discountValidity ? Number(p.discountValidity.split(".")[0]) : NaN;
      return `a ${p.discountPercent}% discount code${Number.isFinite(days) && p.discountValidity!.includes(".") ? ` (valid ${days} days)` : ""}, by the store's policy`;
    }
    case "RefundedShipping": return `refunded shipping (${amount(p.shippingRefund)}), by the store's policy`;
    case "Gift": return `a gift (${p.gift}), by the store's policy`;
    default: return "no compensation, by the store's policy (e.g. when the customer was responsible)";
  }
}

function Entry({ entry }: { entry: TimelineEntry }) {
  const internal = !entry.customerFacing && (entry.kind === "InternalNote" || !["customer", "amends"].includes(entry.author));
  return (
    <li class={`entry kind-${entry.kind}${internal ? " internal" : ""}`}>
      <p class="meta">
        <strong>{kindNames[entry.kind] ?? words(entry.kind)}</strong>
        <span> · {entry.author} · <time dateTime={entry.at}>{when(entry.at)}</time></span>
        {entry.customerFacing && <span class="badge">{entry.delivered ? "emailed" : "email pending"}</span>}
        {internal && <span class="badge">staff only</span>}
      </p>
      {entry.text && <p class="text">{entry.text}</p>}
    </li>
  );
}

function Costs({ resolution: r }: { resolution: Resolution }) {
  const lines: [string, number][] = (
    [["Part", r.partCost], ["Replacement", r.replacementCost], ["Shipping", r.shippingCost], ["Return label", r.labelCost],
     [r.type === "StoreCredit" ? "Store credit" : "Refund", r.refundAmount]] as [string, number][]
  ).filter(([, v]) => v > 0);
  return (
    <>
      <h3>Resolution and costs</h3>
      <dl>
        <dt>Resolution</dt><dd>{words(r.type)}{r.partSku && <> · part {r.partSku}</>}</dd>
        {r.trackingNumber && (<><dt>Tracking</dt><dd>{r.trackingNumber}{r.carrier && <> ({r.carrier})</>}</dd></>)}
        {!r.trackingNumber && r.carrier && (<><dt>Carrier</dt><dd>{r.carrier}</dd></>)}
        {lines.map(([name, value]) => (<><dt>{name}</dt><dd>{amount(value)}</dd></>))}
      </dl>
    </>
  );
}

/** Thumbnails fetched with the staff key (photos are never public); each opens full size. */
function Photos({ id, timeline }: { id: string; timeline: TimelineEntry[] }) {
  const [photos, setPhotos] = useState<(Photo & { src: string })[]>([]);
  const count = timeline.filter((e) => e.kind === "PhotoAdded").length;
  useEffect(() => {
    let urls: string[] = [];
    let current = true;
    api.photos(id)
      .then((list) => Promise.all(list.map(async (p) => ({ ...p, src: URL.createObjectURL(await api.photo(p.url)) }))))
      .then((loaded) => {
        urls = loaded.map((p) => p.src);
        if (current) setPhotos(loaded);
      })
      .catch(() => setPhotos([]));
    return () => { current = false; urls.forEach(URL.revokeObjectURL); };
  }, [id, count]);

  if (photos.length === 0) return null;
  return (
    <>
      <h3>Photos and documents</h3>
      <ul class="photos">
        {photos.map((p) => (
          <li>
            <a href={p.src} target="_blank" rel="noopener" download={p.contentType.startsWith("image/") ? undefined : p.fileName}>
              {p.contentType.startsWith("image/") ? <img src={p.src} alt={`${p.fileName}, open full size`} loading="lazy" /> : <span>{p.fileName}</span>}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function TextAction(props: { id: string; title: string; label: string; button: string; run: (text: string) => Promise<void> }) {
  const [text, setText] = useState("");
  const { busy, error, submit } = useAction();
  const send = async () => {
    await props.run(text);
    setText("");
  };
  return (
    <form class="action" onSubmit={submit(send)} aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <label for={`${props.id}-text`}>{props.label}</label>
      <textarea id={`${props.id}-text`} rows={3} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>{props.button}</button>
    </form>
  );
}

/** Resolve, with the compensation the policy proposes, or another that staff choose. */
function ResolveAction(props: { proposal: CompensationProposal | null; run: (note: string, compensation?: CompensationChoice) => Promise<void> }) {
  const [note, setNote] = useState("");
  const [choice, setChoice] = useState<"policy" | CompensationChoice["outcome"]>("policy");
  const [percent, setPercent] = useState("10");
  const [refund, setRefund] = useState("");
  const { busy, error, submit } = useAction();
  const resolve = async () => {
    const compensation: CompensationChoice | undefined = choice === "policy" ? undefined
      : choice === "Discount" ? { outcome: "Discount", discountPercent: Number(percent), shippingRefund: 0 }
      : choice === "RefundedShipping" ? { outcome: "RefundedShipping", discountPercent: 0, shippingRefund: Number(refund) }
      : { outcome: "None", discountPercent: 0, shippingRefund: 0 };
    await props.run(note, compensation);
    setNote("");
  };
  return (
    <form class="action" onSubmit={submit(resolve)} aria-labelledby="resolve-title">
      <h3 id="resolve-title">Resolve</h3>
      <p class="hint">The workflow then apologizes to the customer with the compensation below, and closes the incident.</p>
      <label for="resolve-text">Note (why it is resolved; staff only)</label>
      <textarea id="resolve-text" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <label for="resolve-compensation">Compensation</label>
      <select id="resolve-compensation" value={choice} onChange={(e) => setChoice(e.currentTarget.value as typeof choice)}>
        <option value="policy">{props.proposal ? `As proposed: ${offer(props.proposal)}` : "As the store's policy gives"}</option>
        <option value="Discount">A discount code instead</option>
        <option value="RefundedShipping">Refunded shipping instead</option>
        <option value="None">No compensation</option>
      </select>
      {choice === "Discount" && (<>
        <label for="resolve-percent">Discount (%)</label>
        <input id="resolve-percent" type="number" min={1} max={100} step={1} required value={percent} onInput={(e) => setPercent(e.currentTarget.value)} />
      </>)}
      {choice === "RefundedShipping" && (<>
        <label for="resolve-refund">Shipping refunded</label>
        <input id="resolve-refund" type="number" min={0.01} step={0.01} required value={refund} onInput={(e) => setRefund(e.currentTarget.value)} />
      </>)}
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>Resolve</button>
    </form>
  );
}

function Diagnosis(props: { category: Category; responsibility: Responsibility; firstGuess: boolean; run: (c: Category, r: Responsibility) => Promise<void> }) {
  const [category, setCategory] = useState(props.category);
  const [responsibility, setResponsibility] = useState(props.responsibility);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await props.run(category, responsibility);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form class="action" onSubmit={submit} aria-labelledby="diagnosis-title">
      <h3 id="diagnosis-title">Category and responsibility</h3>
      {props.firstGuess && <p class="hint">First guess from the customer's words: {words(props.category)}, {words(props.responsibility)}. Confirm or correct it.</p>}
      <label for="diagnosis-category">Category</label>
      <select id="diagnosis-category" value={category} onChange={(e) => setCategory(e.currentTarget.value as Category)}>
        {categories.map((c) => <option value={c}>{words(c)}</option>)}
      </select>
      <label for="diagnosis-responsibility">Responsibility</label>
      <select id="diagnosis-responsibility" value={responsibility} onChange={(e) => setResponsibility(e.currentTarget.value as Responsibility)}>
        {responsibilities.map((r) => <option value={r}>{words(r)}</option>)}
      </select>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit">Save diagnosis</button>
    </form>
  );
}
