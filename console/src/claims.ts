// Carrier claims over the store API: the claim of an incident, its steps, its pack and the claims report.

import { json, post, send } from "./api";

export const claimSteps = ["Filed", "Accepted", "Paid", "Rejected"] as const;
export type ClaimStatus = "Open" | (typeof claimSteps)[number];

/** A claim as the API sends it; empty fields are left out of the JSON. */
export interface ClaimView {
  incidentId: string;
  status: ClaimStatus;
  carrier?: string | null;
  trackingNumber?: string | null;
  deliveredAt: string;
  deliveredAtAssumed: boolean;
  deadline: string;
  remindFrom: string;
  goods: number;
  shipping: number;
  replacementShipping: number;
  claimedAmount: number;
  amountCorrected: boolean;
  reference?: string | null;
  paidAmount?: number | null;
  lost?: number | null;
  openedAt: string;
  filedAt?: string | null;
  acceptedAt?: string | null;
  paidAt?: string | null;
  rejectedAt?: string | null;
  note?: string | null;
  remindedAt?: string | null;
}

/** What staff correct before filing; an absent field stays as it is. */
export interface ClaimDetails {
  carrier?: string;
  trackingNumber?: string;
  deliveredAt?: string;
  goodsValue?: number;
  shipping?: number;
  amount?: number;
}

export interface ClaimsReportRow {
  carrier: string;
  claims: number;
  claimed: number;
  recovered: number;
  lost: number;
  pending: number;
}

export interface ClaimsReport {
  rows: ClaimsReportRow[];
  total: ClaimsReportRow;
}

const claim = (id: string) => `/incidents/${encodeURIComponent(id)}/claim`;

export const claims = {
  get: (id: string) => json<ClaimView>(claim(id)),
  /** Opens the claim (the carrier must be responsible) and saves what staff corrected. */
  save: (id: string, details: ClaimDetails) => post<ClaimView>(claim(id), details),
  record: (id: string, status: (typeof claimSteps)[number], extra: { reference?: string; amount?: number; note?: string } = {}) =>
    post<ClaimView>(`${claim(id)}/status`, { status, ...extra }),
  pack: async (id: string) => (await send(`${claim(id)}/pack`)).blob(),
  report: () => json<ClaimsReport>("/reports/claims"),
};
