/**
 * @module Tags in the pane: chips that show a set of tags, and the checkbox menu that
 * edits one (a conversation's, a single message's, a contact's). Colours are a dot
 * beside the name, so any admin-picked colour keeps the text readable.
 */
import type { ComponentChildren } from "preact";
import type { Tag } from "../../worker/protocol";
import { MAX_TAGS_PER_TARGET } from "../../worker/protocol";
import { MenuItem, Popover } from "./popover";
import { s } from "./strings";

export function TagChips(props: { tagIds: readonly string[]; tags: readonly Tag[]; label: string }) {
  const shown = props.tagIds.map((id) => props.tags.find((t) => t.id === id)).filter((t): t is Tag => t !== undefined);
  if (shown.length === 0) return null;
  return (
    <ul class="tag-chips" aria-label={props.label}>
      {shown.map((tag) => (
        <li key={tag.id} class="tag-chip">
          <span class="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
          {tag.name}
        </li>
      ))}
    </ul>
  );
}

/** A menu of every tag with the selected ones checked; each toggle reports the new set. */
export function TagMenu(props: {
  tags: readonly Tag[];
  selected: readonly string[];
  onChange: (tagIds: string[]) => void;
  /** What the button shows. */
  label: ComponentChildren;
  buttonLabel: string;
  buttonClass?: string;
  align?: "start" | "end";
  disabled?: boolean;
}) {
  const full = props.selected.length >= MAX_TAGS_PER_TARGET;
  return (
    <Popover
      label={props.label}
      buttonLabel={props.buttonLabel}
      buttonClass={props.buttonClass}
      panelLabel={props.buttonLabel}
      align={props.align}
      disabled={props.disabled}
    >
      {props.tags.length === 0 ? (
        <MenuItem disabled onSelect={() => {}}>
          {s.actions.noTags}
        </MenuItem>
      ) : (
        props.tags.map((tag) => {
          const checked = props.selected.includes(tag.id);
          return (
            <MenuItem
              key={tag.id}
              kind="checkbox"
              checked={checked}
              disabled={!checked && full}
              onSelect={() => props.onChange(checked ? props.selected.filter((id) => id !== tag.id) : [...props.selected, tag.id])}
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
