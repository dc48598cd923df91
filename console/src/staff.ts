// Named staff in the console: who is signed in, who is on an incident, and why it needs attention.
import { json, post, TimelineEntry } from "./api";

export type AttentionKind = "CustomerMessage" | "AutomaticUpdate" | "Bounce" | "StepFailed" | "NeedsReview" | "Reopened";

export interface AttentionReason {
  kind: AttentionKind;
  at: string;
  detail: string | null;
}

export interface Assignee {
  id: string;
  name: string;
}

export interface StaffIdentity {
  id: string;
  name: string;
  admin: boolean;
}

export interface StaffMember extends StaffIdentity {
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

/** What an incident carries about staff, beside the fields the console always read. */
export interface StaffFields {
  id: string;
  status: string;
  needsAttention: boolean;
  assignee?: Assignee | null;
  attention?: AttentionReason[] | null;
  round?: number;
  followUpOf?: string | null;
  followUp?: string | null;
}

/** What a queue line carries about staff. */
export interface StaffLine {
  assigneeId?: string | null;
  assigneeName?: string | null;
  attention?: AttentionKind[] | null;
}

/** Why an incident needs attention, in a word staff act on. */
export const attentionWords: Record<AttentionKind, string> = {
  CustomerMessage: "The customer wrote",
  AutomaticUpdate: "A silence update went out: the customer waited too long",
  Bounce: "Our email bounced: reach the customer another way",
  StepFailed: "A workflow step failed and waits to be resumed",
  NeedsReview: "A mail needs review",
  Reopened: "Reopened: the customer wrote after closing",
};

const incident = (id: string) => `/incidents/${encodeURIComponent(id)}`;

export const staffApi = {
  me: () => json<StaffIdentity>("/staff/me"),
  members: () => json<StaffMember[]>("/staff"),
  assign: (id: string, staffId: string) => post<TimelineEntry>(`${incident(id)}/assign`, { staffId }),
  unassign: (id: string) => post<TimelineEntry>(`${incident(id)}/unassign`, {}),
  dismiss: (id: string) => post<TimelineEntry>(`${incident(id)}/attention/dismiss`, {}),
};
