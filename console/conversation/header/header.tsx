/**
 * @module The pane's header: who the customer is and on which channel, the state
 * (status, assignee, team, tags, who took part), and every action on the conversation:
 * star, assign, tags, type, schedule or cancel a callback, snooze, resolve (or resolve and
 * unassign), reopen.
 */
import type { ConversationItem, Me } from "../../../worker/protocol";
import { AssignMenu } from "./assign-menu";
import { ChannelIcon } from "../../shared/channel-icon";
import { formatDateTime } from "../format";
import { Icon } from "../../shared/icon";
import { MenuItem, Popover } from "../../shared/popover";
import { SnoozeMenu } from "./snooze-menu";
import { CallbackChip, CallbackMenu } from "./callback-menu";
import { TagChips, TagMenu } from "./tags";
import type { ContactPanelState } from "../contact/use-contact-panel";
import type { PaneActions } from "../use-conversation-item";
import { nameOfAgent, nameOfTeam, type Directory } from "../../shared/use-directory";
import { s } from "../strings";

export interface HeaderProps {
  item: ConversationItem;
  me: Me;
  directory: Directory;
  participants: ReadonlyArray<{ id: string; name: string | null }>;
  /** The assignee's name as the log last stored it, for agents no longer listed. */
  assigneeNameFromLog: string | null;
  busy: boolean;
  actions: PaneActions;
  contactPanel: Pick<ContactPanelState, "open" | "toggle" | "buttonRef"> & { id: string };
}

function assigneeText(props: HeaderProps): string {
  const { assigneeId } = props.item;
  if (assigneeId === null) return s.actions.unassigned;
  if (assigneeId === props.me.agent.id) return s.actions.assignedTo(s.actions.youInSentence);
  return s.actions.assignedTo(nameOfAgent(props.directory, assigneeId) ?? props.assigneeNameFromLog ?? s.timeline.agent);
}

export function ConversationHeader(props: HeaderProps) {
  const { item, directory, actions, busy } = props;
  const a = s.actions;
  const mine = item.assigneeId === props.me.agent.id;
  const resolved = item.status === "resolved";
  const team = item.teamId === null ? null : (nameOfTeam(directory, item.teamId) ?? null);
  return (
    <header class="pane-header">
      <div class="pane-title-row">
        <h2 id="conversation-title" class="pane-title">
          {item.contactName ?? s.pane.visitor}
        </h2>
        <ChannelIcon channel={item.channel} size={14} labelled />
        <span class={`badge badge--${item.status}`}>{s.status[item.status]}</span>
        <span class="pane-assignee">{assigneeText(props)}</span>
        {team && <span class="muted">{a.team(team)}</span>}
        {item.status === "snoozed" && item.snoozedUntil !== null && <span class="muted">{a.snoozedUntil(formatDateTime(item.snoozedUntil))}</span>}
        {item.callbackAt !== null && <CallbackChip at={item.callbackAt} disabled={busy} onCancel={() => actions.setCallback(null)} />}
        {/* A disclosure button: its name stays, aria-expanded says open or closed. */}
        <button
          ref={props.contactPanel.buttonRef}
          type="button"
          class="contact-toggle"
          aria-expanded={props.contactPanel.open}
          aria-controls={props.contactPanel.open ? props.contactPanel.id : undefined}
          onClick={props.contactPanel.toggle}
        >
          <Icon name="contact" text={s.pane.contactPanel} />
        </button>
      </div>
      <div class="pane-actions" role="group" aria-label={a.label}>
        <button type="button" class="star-button" title={a.star} aria-pressed={item.starred} disabled={busy} onClick={() => actions.star(!item.starred)}>
          <Icon name="star" filled={item.starred} text={a.star} />
        </button>
        {!mine && (
          <button type="button" disabled={busy} onClick={() => actions.assign({ assigneeId: props.me.agent.id })}>
            {a.assignToMe}
          </button>
        )}
        <AssignMenu item={item} myId={props.me.agent.id} directory={directory} disabled={busy} onAssign={actions.assign} />
        <TagMenu
          tags={directory.tags}
          selected={item.tagIds}
          onChange={actions.setTags}
          label={<Icon name="tag" text={a.tags} menu />}
          buttonLabel={a.tags}
          align="end"
          disabled={busy}
        />
        <label class="type-select" title={a.type}>
          <span>{a.type}</span>
          <select value={item.typeId ?? ""} disabled={busy} onChange={(e) => actions.setType(e.currentTarget.value || null)}>
            <option value="">{a.noType}</option>
            {directory.types.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
        </label>
        <CallbackMenu disabled={busy} onSchedule={actions.setCallback} />
        <SnoozeMenu disabled={busy} onSnooze={(until) => actions.setStatus({ status: "snoozed", until })} />
        {(resolved || item.status === "snoozed") && (
          <button type="button" disabled={busy} onClick={() => actions.setStatus({ status: "open" })}>
            {a.reopen}
          </button>
        )}
        {!resolved && (
          <span class="split-button">
            <button type="button" class="primary" disabled={busy} onClick={() => actions.setStatus({ status: "resolved" })}>
              {a.resolve}
            </button>
            <Popover label={<Icon name="chevron-down" />} buttonLabel={a.moreActions} buttonClass="primary split-toggle" panelLabel={a.moreActions} align="end" disabled={busy}>
              <MenuItem onSelect={() => actions.setStatus({ status: "resolved", unassign: true })}>{a.resolveAndUnassign}</MenuItem>
            </Popover>
          </span>
        )}
      </div>
      <div class="pane-meta">
        <TagChips tagIds={item.tagIds} tags={directory.tags} label={a.tags} />
        {props.participants.length > 0 && (
          <p class="participants">
            <span class="muted">{a.participants}:</span>{" "}
            {props.participants.map((p) => (p.id === props.me.agent.id ? s.actions.you : (nameOfAgent(directory, p.id) ?? p.name ?? s.timeline.agent))).join(", ")}
          </p>
        )}
      </div>
    </header>
  );
}
