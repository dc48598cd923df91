// The store API, from the same origin. Staff sign in with a key kept for this tab only (sessionStorage).
// The key goes in both hosts' headers: the standalone server reads X-Api-Key, Azure Functions
// reads x-functions-key; each ignores the other, so one build serves both. In Azure, the App Service
// sign-in cookie rides along (same origin), and X-Requested-With makes an expired sign-in answer 401
// instead of a redirect to the login page that fetch could not follow.

import type { components } from "./openapi.gen";

// The API's shapes come from docs/openapi.json (the server's own OpenAPI document, kept current by a
// snapshot test): `npm run build` generates src/openapi.gen.ts from it before type-checking, so a field
// renamed or added on the server fails this build until the console follows.
type Schemas = components["schemas"];

/**
 * A response as the server writes it. The document types numbers as "number or string" (the server also
 * reads "12.50"), but it always writes numbers; and it leaves out null fields, so those may be missing.
 */
export type Read<T> = { [K in keyof T]: Field<T[K]> };
type Field<T> = [number] extends [T] ? Exclude<T, string> : T extends (infer U)[] ? Field<U>[] : T extends object ? Read<T> : T;

export type Category = Schemas["IncidentCategory"];
export type Responsibility = Schemas["Responsibility"];
export type Status = Schemas["IncidentStatus"];
export type ResolutionType = Schemas["ResolutionType"];

// Every value of each enum, in the order the forms offer them; `satisfies` fails the build when the API adds or drops one.
const every = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];
export const categories = every({ Unknown: true, DamagedInTransit: true, Defective: true, MissingPart: true, WrongItem: true, NotDelivered: true, NotAsDescribed: true, ChangedMind: true } satisfies Record<Category, true>);
export const responsibilities = every({ Unknown: true, Store: true, Carrier: true, Customer: true } satisfies Record<Responsibility, true>);
export const statuses = every({ Open: true, Resolved: true, Closed: true } satisfies Record<Status, true>);
export const resolutionTypes = every({ SparePart: true, Replacement: true, ReturnWithLabel: true, Refund: true, StoreCredit: true } satisfies Record<ResolutionType, true>);

export type IncidentSummary = Read<Schemas["IncidentSummary"]>;
export type IncidentPage = Read<Schemas["IncidentPage"]>;
export type Resolution = Read<Schemas["Resolution"]>;
export type Incident = Read<Schemas["Incident"]>;
export type TimelineEntry = Read<Schemas["TimelineEntry"]>;
export type IncidentView = Read<Schemas["IncidentView"]>;
export type Photo = Read<Schemas["PhotoView"]>;
export type SparePart = Read<Schemas["SparePart"]>;
export type CompensationProposal = Read<Schemas["CompensationProposal"]>;
export type Report = Read<Schemas["Report"]>;
export type ReportRow = Read<Schemas["ReportRow"]>;
export type ResponseTimesReport = Read<Schemas["ResponseTimesReport"]>;
export type ResponseTimesRow = Read<Schemas["ResponseTimesRow"]>;

/** A compensation staff give instead of the policy's. */
export type CompensationChoice = Schemas["CompensationChoice"];
export type ResolutionRequest = Schemas["ResolutionRequest"];
export type TrackingRequest = Schemas["TrackingRequest"];
export type SparePartRequest = Schemas["SparePartRequest"];
export type StoreSettings = Read<Schemas["StoreSettings"]>;
export type IncidentLedger = Read<Schemas["IncidentLedger"]>;

/** The satisfaction report: GET /reports/satisfaction, which the document describes only as a report. */
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

export async function send(path: string, init: RequestInit = {}, key = staffKey.get()): Promise<Response> {
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
  reply: (id: string, message: string) => post<TimelineEntry>(`${incident(id)}/updates`, { message } satisfies Schemas["StaffUpdateRequest"]),
  note: (id: string, note: string) => post<TimelineEntry>(`${incident(id)}/notes`, { note } satisfies Schemas["InternalNoteRequest"]),
  diagnose: (id: string, category: Category, responsibility: Responsibility) =>
    post<TimelineEntry>(`${incident(id)}/diagnosis`, { category, responsibility } satisfies Schemas["DiagnosisRequest"]),
  chooseResolution: (id: string, resolution: ResolutionRequest) => post<TimelineEntry>(`${incident(id)}/resolution`, resolution),
  tracking: (id: string, tracking: TrackingRequest) => post<TimelineEntry>(`${incident(id)}/tracking`, tracking),
  setSku: (id: string, sku: string) => post<TimelineEntry>(`${incident(id)}/sku`, { sku } satisfies Schemas["SkuRequest"]),
  allSpareParts: () => json<SparePart[]>("/spare-parts"),
  putSparePart: (partSku: string, part: SparePartRequest) =>
    json<SparePart>(`/spare-parts/${encodeURIComponent(partSku)}`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(part) }),
  compensation: (id: string) => json<CompensationProposal>(`${incident(id)}/compensation`),
  ledger: (id: string) => json<IncidentLedger>(`${incident(id)}/ledger`),
  resolve: (id: string, note: string, compensation?: CompensationChoice) => post<TimelineEntry>(`${incident(id)}/resolve`, { note, compensation: compensation ?? null } satisfies Schemas["ResolveRequest"]),
  settings: () => json<StoreSettings>("/settings"),
  /** `query`: from and to (months, yyyy-MM) and, for the cost reports, group (breakage, byChoice, other). */
  report: (dimension: string, query = new URLSearchParams()) => json<Report>(`/reports/${dimension}?${query}`),
  responseTimes: (query = new URLSearchParams()) => json<ResponseTimesReport>(`/reports/response-times?${query}`),
  satisfaction: (query = new URLSearchParams()) => json<SatisfactionReport>(`/reports/satisfaction?${query}`),
  reportCsv: async (dimension: string, query = new URLSearchParams()) => {
    const csv = new URLSearchParams(query);
    csv.set("format", "csv");
    return (await send(`/reports/${dimension}?${csv}`)).blob();
  },
};

/** Where a return stands (the incident's `return`), and what the store was asked to pay: the return panel's calls. */
export interface ParcelReturn {
  stage: "AwaitingParcel" | "OnItsWay" | "Received" | "Inspected" | "RefundSent";
  labelIssuedAt: string;
  trackingNumber: string | null;
  carrier: string | null;
  receivedAt: string | null;
  condition: "AsNew" | "Damaged" | "PartsMissing" | null;
  inspectedAt: string | null;
  refund: number | null;
  refundReason: string | null;
  restockingFee: number;
  recoveredValue: number;
  reminderSent: boolean;
  windowClosedFlagged: boolean;
  refundSentAt: string | null;
}

export interface PaymentInstruction {
  id: string;
  kind: "Refund" | "StoreCredit" | "ReturnRefund" | "ShippingRefund";
  amount: number;
  currency: string;
  status: "Requested" | "Confirmed" | "Failed" | "NotSent";
  requestedAt: string;
  attempts: number;
  posted: boolean;
  confirmedAt: string | null;
  storeReference: string | null;
}

export const returnApi = {
  instructions: (id: string) => json<PaymentInstruction[]>(`${incident(id)}/payment-instructions`),
  tracking: (id: string, trackingNumber: string, carrier: string) =>
    post<TimelineEntry>(`${incident(id)}/return/tracking`, { trackingNumber, carrier: carrier || null }),
  received: (id: string) => post<TimelineEntry>(`${incident(id)}/return/received`, {}),
  inspect: (id: string, condition: string, refundAmount: number | null, reason: string) =>
    post<TimelineEntry>(`${incident(id)}/return/inspection`, { condition, refundAmount, reason: reason || null }),
};
