/**
 * @module The assign menu: any active agent (the current one checked), unassign, and
 * transfer to another team (the conversation then shows in that team's queue).
 */
import type { ConversationItem } from "../../../worker/protocol";
import { Icon } from "../../shared/icon";
import { MenuGroup, MenuItem, Popover } from "../../shared/popover";
import type { Directory } from "../../shared/use-directory";
import { s } from "../strings";

export function AssignMenu(props: {
  item: ConversationItem;
  myId: string;
  directory: Directory;
  disabled: boolean;
  onAssign: (body: { assigneeId?: string | null; teamId?: string | null }) => void;
}) {
  const { item, directory } = props;
  return (
    <Popover label={<Icon name="person" text={s.actions.assign} menu />} panelLabel={s.actions.assign} align="end" disabled={props.disabled}>
      <MenuGroup label={s.actions.assignTo}>
        {directory.agents.map((agent) => (
          <MenuItem key={agent.id} kind="radio" checked={item.assigneeId === agent.id} onSelect={() => props.onAssign({ assigneeId: agent.id })}>
            {agent.id === props.myId ? `${agent.name} (${s.actions.youInSentence})` : agent.name}
          </MenuItem>
        ))}
        <MenuItem disabled={item.assigneeId === null} onSelect={() => props.onAssign({ assigneeId: null })}>
          {s.actions.unassign}
        </MenuItem>
      </MenuGroup>
      <MenuGroup label={s.actions.transfer}>
        {directory.teams.map((team) => (
          <MenuItem key={team.id} kind="radio" checked={item.teamId === team.id} onSelect={() => props.onAssign({ teamId: team.id })}>
            {team.name}
          </MenuItem>
        ))}
        <MenuItem kind="radio" checked={item.teamId === null} onSelect={() => props.onAssign({ teamId: null })}>
          {s.actions.noTeam}
        </MenuItem>
      </MenuGroup>
    </Popover>
  );
}
