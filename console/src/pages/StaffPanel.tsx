import { useEffect, useState } from "preact/hooks";
import { root } from "../router";
import { when } from "../format";
import { attentionWords, StaffFields, StaffIdentity, StaffLine, StaffMember, staffApi } from "../staff";

/** The signed-in member and the team, read once per page. */
function useTeam() {
  const [me, setMe] = useState<StaffIdentity | null>(null);
  const [members, setMembers] = useState<StaffMember[]>([]);
  useEffect(() => {
    staffApi.me().then(setMe).catch(() => setMe(null));
    staffApi.members().then((all) => setMembers(all.filter((m) => m.active))).catch(() => setMembers([]));
  }, []);
  return { me, members };
}

/** The reasons an incident needs attention, as items of the summary's flag list. */
export function AttentionReasons({ incident }: { incident: StaffFields }) {
  if (!incident.needsAttention) return null;
  const reasons = incident.attention ?? [];
  if (reasons.length === 0) return <li class="badge warn">Needs attention</li>;
  return (
    <>
      {reasons.map((r) => (
        <li class="badge warn">
          {attentionWords[r.kind] ?? r.kind}{r.detail && ` (${r.detail})`} · <time dateTime={r.at}>{when(r.at)}</time>
        </li>
      ))}
    </>
  );
}

/** Who is on the incident, the buttons to change it, and dismissing the attention flag. */
export function StaffPanel({ incident, act }: { incident: StaffFields; act: (action: () => Promise<unknown>, done: string) => Promise<void> }) {
  const { me, members } = useTeam();
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string | null>(null);
  const open = incident.status === "Open";
  const assignee = incident.assignee;

  const run = (action: () => Promise<unknown>, done: string) => {
    setError(null);
    act(action, done).catch((e: Error) => setError(e.message));
  };

  return (
    <div class="staff-panel">
      <h3>Who is on it</h3>
      <p id="assignee">{assignee ? <>Assigned to <strong>{assignee.name}</strong></> : "Nobody is on it."}</p>
      {incident.followUpOf && <p>Follows up <a href={`${root}/incidents/${encodeURIComponent(incident.followUpOf)}`}>{incident.followUpOf}</a>.</p>}
      {incident.followUp && <p>Followed up in <a href={`${root}/incidents/${encodeURIComponent(incident.followUp)}`}>{incident.followUp}</a>.</p>}
      {open && (
        <div class="actions-row">
          {me && assignee?.id !== me.id && (
            <button type="button" onClick={() => run(() => staffApi.assign(incident.id, "me"), `Assigned to you (${me.name}).`)}>Assign to me</button>
          )}
          {assignee && <button type="button" onClick={() => run(() => staffApi.unassign(incident.id), "Unassigned.")}>Unassign</button>}
          {members.length > 0 && (
            <form onSubmit={(e) => { e.preventDefault(); if (chosen) run(() => staffApi.assign(incident.id, chosen), "Assigned."); }}>
              <label for="assign-to">Assign to</label>
              <select id="assign-to" value={chosen} onInput={(e) => setChosen((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">Choose…</option>
                {members.map((m) => <option value={m.id}>{m.name}</option>)}
              </select>
              <button type="submit">Assign</button>
            </form>
          )}
          {incident.needsAttention && (
            <button type="button" onClick={() => run(() => staffApi.dismiss(incident.id), "Attention dismissed.")}>Dismiss attention</button>
          )}
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}

/** The queue's assignee filter: anyone, me, or a member. */
export function AssigneeFilter(props: { id: string; name: string; value: string; onInput: (e: Event) => void }) {
  const { members } = useTeam();
  return (
    <div>
      <label for={props.id}>Assignee</label>
      <select {...props}>
        <option value="">Anyone</option>
        <option value="me">Me</option>
        {members.map((m) => <option value={m.id}>{m.name}</option>)}
      </select>
    </div>
  );
}

/** A queue line's assignee and why it needs attention (fields the line's declared type may not name yet). */
export function QueueTags({ line: summary }: { line: object }) {
  const line = summary as StaffLine;
  return (
    <>
      {line.attention && line.attention.length > 0 && <small class="reasons"> {line.attention.map((k) => attentionWords[k] ?? k).join("; ")}</small>}
      {line.assigneeName && <span class="badge assignee">{line.assigneeName}</span>}
    </>
  );
}

/** Who the key in use signs as, beside the sign-out button. */
export function SignedInAs() {
  const [me, setMe] = useState<StaffIdentity | null>(null);
  useEffect(() => {
    staffApi.me().then(setMe).catch(() => setMe(null));
  }, []);
  return me ? <span class="signed-in">Signed in as {me.name}</span> : null;
}
