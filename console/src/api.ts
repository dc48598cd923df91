// The store API, from the same origin. Staff sign in with a key kept for this tab only (sessionStorage).
// The key goes in both hosts' headers: the standalone server reads X-Api-Key, Azure Functions
// reads x-functions-key; each ignores the other, so one build serves both. In Azure, the App Service
// sign-in cookie rides along (same origin), and X-Requested-With makes an expired sign-in answer 401
// instead of a redirect to the login page that fetch could not follow.

export const categories = ["Unknown", "DamagedInTransit", "Defective", "MissingPart", "WrongItem", "NotDelivered", "NotAsDescribed", "ChangedMind"] as const;
export const responsibilities = ["Unknown", "Store", "Carrier", "Customer"] as const;
export const statuses = ["Open", "Resolved", "Closed"] as const;
export const resolutionTypes = ["SparePart", "Replacement", "ReturnWithLabel", "Refund", "StoreCredit"] as const;

export type Category = (typeof categories)[number];
export type Responsibility = (typeof responsibilities)[number];
export type Status = (typeof statuses)[number];
export type ResolutionType = (typeof resolutionTypes)[number];

export interface IncidentSummary {
  id: string;
  status: Status;
  category: Category;
  responsibility: Responsibility;
  createdAt: string;
  orderNumber: string;
  customerName: string;
  customerEmail: string;
  needsAttention: boolean;
  lastCustomerContactAt: string;
}

export interface IncidentPage {
  items: IncidentSummary[];
  continuationToken: string | null;
}

export interface Resolution {
  type: ResolutionType;
  partCost: number;
  replacementCost: number;
  shippingCost: number;
  labelCost: number;
  refundAmount: number;
  trackingNumber: string | null;
  note: string | null;
  carrier: string | null;
  partSku: string | null;
}

export interface Incident {
  id: string;
  customer: { email: string; name: string; language: string };
  orderNumber: string;
  description: string;
  sku: string | null;
  status: Status;
  category: Category;
  responsibility: Responsibility;
  createdAt: string;
  lastCustomerContactAt: string;
  needsAttention: boolean;
  resolution: Resolution | null;
  resolvedAt: string | null;
  closedAt: string | null;
  discountCode: string | null;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  at: string;
  text: string | null;
  author: string;
  customerFacing: boolean;
  delivered: boolean;
}

export interface IncidentView {
  incident: Incident;
  nextUpdateDueBy: string | null;
  timeline: TimelineEntry[];
}

export interface Photo {
  name: string;
  fileName: string;
  contentType: string;
  size: number;
  addedAt: string;
  source: string;
  url: string;
}

export interface SparePart {
  partSku: string;
  productSku: string;
  name: string;
  quantityOnHand: number;
  reorderLevel: number;
  unitCost: number;
  isLowStock: boolean;
}

export interface CompensationProposal {
  outcome: "None" | "Discount" | "RefundedShipping" | "Gift";
  discountPercent: number;
  discountValidity: string | null;
  shippingRefund: number;
  gift: string | null;
}

/** A compensation staff give instead of the policy's. */
export interface CompensationChoice {
  outcome: "None" | "Discount" | "RefundedShipping" | "Gift";
  discountPercent?: number;
  shippingRefund?: number;
  gift?: string;
}

export interface ReportRow {
  key: string;
  incidents: number;
  totalCost: number;
}

export interface Report {
  dimension: string;
  rows: ReportRow[];
}

export interface ResponseTimesRow {
  month: string;
  closed: number;
  averageMinutesToAcknowledge: number | null;
  averageDaysToResolve: number | null;
  silenceUpdates: number;
  resolvedWithin: { oneDay: number; threeDays: number; sevenDays: number; fourteenDays: number; longer: number };
}

export interface ResponseTimesReport {
  rows: ResponseTimesRow[];
}

export interface SatisfactionReport {
  rows: { score: number; responses: number }[];
  responses: number;
  average: number | null;
}

/** A refused or failed call, with the problem+json fields staff can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const keyName = "amends.staffKey";
const base = "/api/v1";

export const staffKey = {
  get: () => sessionStorage.getItem(keyName),
  set: (key: string) => sessionStorage.setItem(keyName, key),
  clear: () => sessionStorage.removeItem(keyName),
};

/** Called when the API answers 401: the console goes back to sign-in. */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler;
}

async function send(path: string, init: RequestInit = {}, key = staffKey.get()): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("X-Requested-With", "XMLHttpRequest");
  if (key) {
    headers.set("X-Api-Key", key);
    headers.set("x-functions-key", key);
  }
  const response = await fetch(base + path, { ...init, headers, credentials: "same-origin" });
  if (response.ok) return response;

  let message = `The server answered ${response.status}.`;
  let errors: Record<string, string[]> = {};
  if (response.headers.get("content-type")?.includes("json")) {
    const problem = await response.json().catch(() => null);
    message = problem?.detail ?? problem?.title ?? message;
    errors = problem?.errors ?? {};
  }
  if (response.status === 401) {
    staffKey.clear();
    onUnauthorized();
  }
  throw new ApiError(response.status, message, errors);
}

export const json = async <T,>(path: string, init?: RequestInit) => (await send(path, init)).json() as Promise<T>;
export const post = <T,>(path: string, body: unknown) =>
  json<T>(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const incident = (id: string) => `/incidents/${encodeURIComponent(id)}`;

export const api = {
  /** Checks a key before keeping it: a cheap staff-only read. */
  async signIn(key: string) {
    await send("/incidents?pageSize=1", {}, key);
    staffKey.set(key);
  },
  incidents: (query: URLSearchParams) => json<IncidentPage>(`/incidents?${query}`),
  incident: (id: string) => json<IncidentView>(incident(id)),
  photos: (id: string) => json<Photo[]>(`${incident(id)}/photos`),
  photo: async (url: string) => (await send(url.replace(base, ""))).blob(),
  spareParts: (sku: string) => json<SparePart[]>(`/spare-parts?sku=${encodeURIComponent(sku)}`),
  reply: (id: string, message: string) => post<TimelineEntry>(`${incident(id)}/updates`, { message }),
  note: (id: string, note: string) => post<TimelineEntry>(`${incident(id)}/notes`, { note }),
  diagnose: (id: string, category: Category, responsibility: Responsibility) =>
    post<TimelineEntry>(`${incident(id)}/diagnosis`, { category, responsibility }),
  chooseResolution: (id: string, resolution: Record<string, unknown>) => post<TimelineEntry>(`${incident(id)}/resolution`, resolution),
  compensation: (id: string) => json<CompensationProposal>(`${incident(id)}/compensation`),
  resolve: (id: string, note: string, compensation?: CompensationChoice) => post<TimelineEntry>(`${incident(id)}/resolve`, { note, compensation }),
  report: (dimension: string) => json<Report>(`/reports/${dimension}`),
  responseTimes: () => json<ResponseTimesReport>("/reports/response-times"),
  satisfaction: () => json<SatisfactionReport>("/reports/satisfaction"),
  reportCsv: async (dimension: string) => (await send(`/reports/${dimension}?format=csv`)).blob(),
};
