// Named staff in the console: who is signed in, who is on an incident, and why it needs attention.
import { Incident, IncidentSummary, json, post, Read, TimelineEntry } from "./api";
import type { components } from "./openapi.gen";

type Schemas = components["schemas"];

export type AttentionKind = Schemas["AttentionKind"];
export type AttentionReason = Read<Schemas["AttentionReason"]>;
export type Assignee = Read<Schemas["Assignee"]>;
export type StaffIdentity = Read<Schemas["StaffIdentity"]>;
export type StaffMember = Read<Schemas["StaffMember"]>;

/** What the staff panel reads of an incident. */
export type StaffFields = Pick<Incident, "id" | "status" | "needsAttention" | "assignee" | "attention" | "round" | "followUpOf" | "followUp">;

/** What a queue line carries about staff. */
export type StaffLine = Pick<IncidentSummary, "assigneeId" | "assigneeName" | "attention">;

/** Why an incident needs attention, in a word staff act on. */
export const attentionWords: Record<AttentionKind, string> = {
  CustomerMessage: "The customer wrote",
  AutomaticUpdate: "A silence update went out: the customer waited too long",
  Bounce: "Our email bounced: reach the customer another way",
  StepFailed: "A workflow step failed and waits to be resumed",
  NeedsReview: "A mail needs review",
  Reopened: "Reopened: the customer wrote after closing",
  StoreRequestFailed: "The store did not take a payment or request: settle it by hand",
  ClaimDeadline: "A carrier claim is not filed and its deadline is near",
  ReturnOverdue: "The return window closed and the parcel has not come",
  OrderNotFound: "The store has no order with this number: ask the customer",
  OrderLookupFailed: "The store's order could not be read: add its details by hand",
  OrderNotVerified: "Order not verified: check the order number and email with the store",
};

const incident = (id: string) => `/incidents/${encodeURIComponent(id)}`;

export const staffApi = {
  me: () => json<StaffIdentity>("/staff/me"),
  members: () => json<StaffMember[]>("/staff"),
  assign: (id: string, staffId: string) => post<TimelineEntry>(`${incident(id)}/assign`, { staffId } satisfies Schemas["AssignRequest"]),
  unassign: (id: string) => post<TimelineEntry>(`${incident(id)}/unassign`, {}),
  dismiss: (id: string) => post<TimelineEntry>(`${incident(id)}/attention/dismiss`, {}),
};
