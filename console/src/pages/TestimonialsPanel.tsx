import { useEffect, useState } from "preact/hooks";
import { json, Read, send } from "../api";
import type { components } from "../openapi.gen";
import { when } from "../format";
import { root } from "../router";

type TestimonialOffer = Read<components["schemas"]["TestimonialOffer"]>;
type TestimonialState = components["schemas"]["TestimonialState"];

const states = ["Pending", "Approved", "Rejected"] as const satisfies readonly TestimonialState[];
const words: Record<TestimonialState, string> = { Pending: "Waiting", Approved: "Approved", Rejected: "Rejected" };

const testimonials = {
  list: (state: TestimonialState) => json<TestimonialOffer[]>(`/testimonials?state=${state.toLowerCase()}`),
  decide: async (incidentId: string, decision: "approve" | "reject") =>
    (await send(`/testimonials/${encodeURIComponent(incidentId)}/${decision}`, { method: "POST" })).json() as Promise<TestimonialOffer>,
};

/**
 * Testimonials customers offered (a 5, a comment, their consent): none shows on the public return-policy
 * page until staff approve it here; an approved one can be taken down again.
 */
export function TestimonialsPanel() {
  const [state, setState] = useState<TestimonialState>("Pending");
  const [offers, setOffers] = useState<TestimonialOffer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  const load = (shown: TestimonialState) => {
    setOffers(null);
    testimonials.list(shown).then(setOffers).catch((e: Error) => setError(e.message));
  };
  useEffect(() => load(state), [state]);

  const decide = async (offer: TestimonialOffer, decision: "approve" | "reject") => {
    setError(null);
    try {
      const decided = await testimonials.decide(offer.incidentId, decision);
      setSaid(`${decided.state === "Approved" ? "Approved" : "Rejected"}: ${offer.firstName || "a customer"}'s testimonial (${offer.incidentId}).`);
      load(state);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section class="chart wide" aria-labelledby="testimonials-title">
      <h2 id="testimonials-title">Testimonials</h2>
      <div class="field">
        <label for="testimonials-state">Show</label>
        <select id="testimonials-state" value={state} onChange={(e) => setState((e.currentTarget as HTMLSelectElement).value as TestimonialState)}>
          {states.map((s) => <option value={s}>{words[s]}</option>)}
        </select>
      </div>
      {said && <p class="notice" role="status">{said}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {!offers ? <p>Loading…</p> : offers.length === 0 ? <p>No testimonial {words[state].toLowerCase()}.</p> : (
        <ul class="testimonials">
          {offers.map((t) => (
            <li>
              <blockquote lang={t.language}>{t.comment}</blockquote>
              <p>
                — {t.firstName || "(no name)"}, <a href={`${root}/incidents/${encodeURIComponent(t.incidentId)}`}>{t.incidentId}</a>, {when(t.at)}
                {t.moderatedBy && <> · {words[t.state]} by {t.moderatedBy}{t.moderatedAt && <>, {when(t.moderatedAt)}</>}</>}
              </p>
              {t.state !== "Approved" && <button type="button" onClick={() => decide(t, "approve")} aria-label={`Approve ${t.incidentId}`}>Approve</button>}
              {t.state !== "Rejected" && (
                <button type="button" class="secondary" onClick={() => decide(t, "reject")} aria-label={`${t.state === "Approved" ? "Take down" : "Reject"} ${t.incidentId}`}>
                  {t.state === "Approved" ? "Take down" : "Reject"}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
