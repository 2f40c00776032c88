/**
 * @module Settings → Tags: add a tag, rename or recolour one in place, delete one after
 * confirming. Deleting a tag takes it off every conversation and message (server side).
 */
import type { Tag } from "../../worker/protocol";
import { ListSection, type ItemKind } from "./list-section";
import type { SectionProps } from "./section-parts";
import { settingsApi } from "./settings-api";
import { TagForm, type TagValues } from "./tag-form";
import { s } from "./strings";

const TAG_KIND: ItemKind<Tag, TagValues> = {
  id: "tags",
  words: s.tags,
  name: (tag) => tag.name,
  api: settingsApi.tags,
  inDirectory: true,
  form: (props) => <TagForm {...props} />,
  summary: (tag) => (
    <>
      <span class="settings-tag">
        <span class="settings-tag-dot" style={{ background: tag.color }} aria-hidden="true" />
        {tag.name}
      </span>
      <code class="muted">{tag.color}</code>
    </>
  ),
};

export function TagsSection(props: SectionProps) {
  return <ListSection {...props} kind={TAG_KIND} load={settingsApi.tags.list} />;
}
