/**
 * @module Tags in the pane: chips that show a set of tags, and the checkbox menu that
 * edits one (a conversation's, a single message's, a contact's). Colours are a dot
 * beside the name, so any admin-picked colour keeps the text readable.
 */
import type { Tag } from "../../../worker/protocol";
import { MAX_TAGS_PER_TARGET } from "../../../worker/protocol";
import { MenuItem, Popover, type PopoverProps } from "../../shared/popover";
import { s } from "../strings";

export function TagChips(props: { tagIds: readonly string[]; tags: readonly Tag[]; label: string }) {
  const shown = props.tagIds.map((id) => props.tags.find((t) => t.id === id)).filter((t): t is Tag => t !== undefined);
  if (shown.length === 0) return null;
  return (
    <ul class="tag-chips" aria-label={props.label}>
      {shown.map((tag) => (
        <li key={tag.id} class="tag-pill">
          <span class="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
          {tag.name}
        </li>
      ))}
    </ul>
  );
}

/** A menu of every tag with the selected ones checked; each toggle reports the new set.
 * The rest of the props are the menu button's (see Popover); its name names the menu. */
export function TagMenu(props: Omit<PopoverProps, "children" | "kind" | "panelLabel" | "buttonLabel"> & {
  tags: readonly Tag[];
  selected: readonly string[];
  onChange: (tagIds: string[]) => void;
  buttonLabel: string;
}) {
  const { tags, selected, onChange, ...button } = props;
  const full = selected.length >= MAX_TAGS_PER_TARGET;
  return (
    <Popover {...button} panelLabel={button.buttonLabel}>
      {tags.length === 0 ? (
        <MenuItem disabled onSelect={() => {}}>
          {s.actions.noTags}
        </MenuItem>
      ) : (
        tags.map((tag) => {
          const checked = selected.includes(tag.id);
          return (
            <MenuItem
              key={tag.id}
              kind="checkbox"
              checked={checked}
              disabled={!checked && full}
              onSelect={() => onChange(checked ? selected.filter((id) => id !== tag.id) : [...selected, tag.id])}
            >
              <span class="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
              {tag.name}
            </MenuItem>
          );
        })
      )}
    </Popover>
  );
}
