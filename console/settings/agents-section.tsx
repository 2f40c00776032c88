/**
 * @module Settings → Agents: invite by one-time link (shown once, to copy), the list with
 * role, capacity and status, role and capacity changes, deactivation and reactivation.
 * Only an owner is offered owner changes (the server refuses admins with 403 anyway).
 */
import { useState } from "preact/hooks";
import { CreateInviteBody, PatchAgentBody, type Invite, type ManagedAgent, type Me, type Role } from "../../worker/protocol";
import { ApiError } from "../api";
import { resetDirectory } from "../shared/use-directory";
import { hasRole } from "../shell/roles";
import { agentApi } from "./agent-api";
import { agentWords as t } from "./agent-strings";
import { CopyField } from "./copy-field";
import { Field, FormMessage } from "./form-field";
import { checkFields } from "./form-errors";
import { ListStatus, type SectionProps } from "./section-parts";
import { byName, useSettingsList } from "./use-settings-list";
import { useSave } from "./use-save";
import { s } from "./strings";
import { useAgentStatuses } from "./use-agent-statuses";
import { st } from "../shell/status-strings";
import type { EffectiveStatus } from "../../worker/protocol";

const ROLES: Role[] = ["agent", "admin", "owner"];

/** The server's last-owner refusal in the console's language; anything else as it came. */
async function translated<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof ApiError && err.code === "last_owner") throw new ApiError(err.status, err.code, t.lastOwner);
    throw err;
  }
}

export function AgentsSection(props: SectionProps & { me: Me }) {
  const list = useSettingsList(agentApi.list, byName((a: ManagedAgent) => a.name), props.onForbidden);
  const isOwner = hasRole(props.me, "owner");
  const presence = useAgentStatuses();
  const changed = (agent: ManagedAgent, message: string) => {
    list.put(agent);
    resetDirectory();
    props.announce(message);
  };
  return (
    <section class="settings-section" aria-labelledby="settings-agents-heading">
      <h2 id="settings-agents-heading">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      <InviteForm isOwner={isOwner} onForbidden={props.onForbidden} />
      <ListStatus state={list.state} empty={t.empty} onRetry={list.reload}>
        {(agents) => (
          <ul class="settings-list">
            {agents.map((agent) => (
              <AgentRow key={agent.id} agent={agent} presence={presence[agent.id]} mayChange={isOwner || agent.role !== "owner"} isOwner={isOwner} onForbidden={props.onForbidden} onChanged={changed} />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

function RoleSelect(props: { aria: object; value: Role; isOwner: boolean; onChange: (role: Role) => void }) {
  return (
    <select {...props.aria} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as Role)}>
      {ROLES.filter((r) => r !== "owner" || props.isOwner).map((r) => (
        <option key={r} value={r}>
          {t.roles[r]}
        </option>
      ))}
    </select>
  );
}

function InviteForm(props: { isOwner: boolean; onForbidden: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [invite, setInvite] = useState<Invite | null>(null);
  const save = useSave({ uniqueField: "email", onForbidden: props.onForbidden });
  const submit = (e: Event) => {
    e.preventDefault();
    void save.run(checkFields(CreateInviteBody, { email, role }, { email: t.emailInvalid }), async (body) => {
      setInvite(await agentApi.invite(body));
      setEmail("");
    });
  };
  return (
    <div class="settings-add">
      <form class="settings-form settings-form--inline" aria-label={t.invite} noValidate onSubmit={submit}>
        <Field label={t.inviteEmail} error={save.failure.fields.email}>
          {(aria) => <input {...aria} type="email" name="invite-email" value={email} maxLength={254} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <Field label={t.inviteRole}>{(aria) => <RoleSelect aria={aria} value={role} isOwner={props.isOwner} onChange={setRole} />}</Field>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={save.busy}>
            {t.invite}
          </button>
        </div>
        <FormMessage message={save.failure.form} />
      </form>
      {invite && <CopyField label={t.inviteLink(invite.email)} hint={t.inviteHint(new Date(invite.expiresAt).toLocaleString())} value={invite.url} />}
    </div>
  );
}

function AgentRow(props: { agent: ManagedAgent; presence?: EffectiveStatus | undefined; mayChange: boolean; isOwner: boolean; onForbidden: () => void; onChanged: (agent: ManagedAgent, message: string) => void }) {
  const a = props.agent;
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(a.role);
  const [capacity, setCapacity] = useState(a.capacity === null ? "" : String(a.capacity));
  const save = useSave({ onForbidden: props.onForbidden });
  const toggle = () =>
    void save.run({ ok: true, data: null }, async () => {
      if (a.status === "active") {
        const done = await translated(agentApi.deactivate(a.id));
        props.onChanged(done.agent, t.deactivated(a.name, done.unassigned.length));
      } else props.onChanged(await agentApi.reactivate(a.id), t.reactivated(a.name));
    });
  if (!editing) {
    return (
      <li class="settings-row">
        {props.presence && <span class={`status-dot status-dot--${props.presence}`} role="img" aria-label={st.statuses[props.presence]} title={st.statuses[props.presence]} />}
        <strong>{a.name}</strong> <span class="muted">{a.email}</span> <span>{t.roles[a.role]}</span>{" "}
        <span>
          {t.capacity}: {a.capacity ?? t.capacityDefault}
        </span>{" "}
        <span class={`agent-status agent-status--${a.status}`}>{t.statuses[a.status]}</span>
        {props.mayChange && (
          <span class="row-actions">
            <button type="button" aria-label={t.editLabel(a.name)} onClick={() => setEditing(true)}>
              {t.edit}
            </button>
            <button type="button" aria-label={a.status === "active" ? t.deactivateLabel(a.name) : t.reactivateLabel(a.name)} disabled={save.busy} onClick={toggle}>
              {a.status === "active" ? t.deactivate : t.reactivate}
            </button>
          </span>
        )}
        <FormMessage message={save.failure.form} />
      </li>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const value = { role, capacity: capacity.trim() === "" ? null : Number(capacity) };
    void save.run(checkFields(PatchAgentBody, value, { capacity: t.capacityInvalid }), async (body) => {
      props.onChanged(await translated(agentApi.update(a.id, body)), t.saved(a.name));
      setEditing(false);
    });
  };
  return (
    <li class="settings-row settings-row--editing">
      <form class="settings-form settings-form--inline" aria-label={t.editLabel(a.name)} noValidate onSubmit={submit}>
        <Field label={t.inviteRole}>{(aria) => <RoleSelect aria={aria} value={role} isOwner={props.isOwner} onChange={setRole} />}</Field>
        <Field label={t.capacity} hint={t.capacityDefault} error={save.failure.fields.capacity}>
          {(aria) => <input {...aria} type="number" min={1} max={100} name="capacity" value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={save.busy}>
            {t.save}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {s.cancel}
          </button>
        </div>
        <FormMessage message={save.failure.form} />
      </form>
    </li>
  );
}
