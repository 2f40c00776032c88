/**
 * @module The filters under the views: status, assignee, inbox, channel, team and tag,
 * each a labelled select whose options come from the directory. Folded by default so
 * the views stay in sight; the summary says how many are active.
 */
import type { ChannelKind, ConversationStatus, ConversationView } from "../../worker/protocol";
import { ChannelKind as ChannelKinds, ConversationStatus as Statuses } from "../../worker/protocol";
import type { Directory } from "../shared/use-directory";
import { allowsStatusFilter, effectiveFilters, type ListFilters } from "./view-query";
import { s } from "./strings";

type Option = { value: string; label: string };

export function ListFilterPanel(props: { view: ConversationView; filters: ListFilters; directory: Directory; onChange: (filters: ListFilters) => void }) {
  const { filters, directory } = props;
  const active = Object.keys(effectiveFilters({ view: props.view, filters })).length;
  const set = <K extends keyof ListFilters>(key: K, value: string) => {
    const next = { ...filters };
    if (value === "") delete next[key];
    else next[key] = value as ListFilters[K];
    props.onChange(next);
  };
  const channels = new Set(directory.inboxes.map((i) => i.kind));

  return (
    <details class="filters" open={active > 0 ? true : undefined}>
      <summary>{active > 0 ? s.filters.active(active) : s.filters.toggle}</summary>
      <div class="filter-fields">
        {allowsStatusFilter(props.view) && (
          <FilterSelect
            id="filter-status"
            label={s.filters.status}
            value={filters.status}
            options={Statuses.options.map((v: ConversationStatus) => ({ value: v, label: s.status[v] }))}
            onChange={(v) => set("status", v)}
          />
        )}
        <FilterSelect
          id="filter-assignee"
          label={s.filters.assignee}
          value={filters.assignee}
          options={[{ value: "me", label: s.filters.me }, { value: "none", label: s.filters.nobody }, ...directory.agents.map((a) => ({ value: a.id, label: a.name }))]}
          onChange={(v) => set("assignee", v)}
        />
        <FilterSelect id="filter-inbox" label={s.filters.inbox} value={filters.inbox} options={directory.inboxes.map((i) => ({ value: i.id, label: i.name }))} onChange={(v) => set("inbox", v)} />
        <FilterSelect
          id="filter-channel"
          label={s.filters.channel}
          value={filters.channel}
          // Channels with an inbox first would reorder as inboxes come and go; keep the
          // protocol's order and just leave out channels nobody has connected.
          options={ChannelKinds.options.filter((k: ChannelKind) => channels.has(k) || filters.channel === k).map((k) => ({ value: k, label: s.channels[k] }))}
          onChange={(v) => set("channel", v)}
        />
        <FilterSelect id="filter-team" label={s.filters.team} value={filters.team} options={directory.teams.map((t) => ({ value: t.id, label: t.name }))} onChange={(v) => set("team", v)} />
        <FilterSelect id="filter-tag" label={s.filters.tag} value={filters.tag} options={directory.tags.map((t) => ({ value: t.id, label: t.name }))} onChange={(v) => set("tag", v)} />
        {active > 0 && (
          <button type="button" class="link-button" onClick={() => props.onChange({})}>
            {s.filters.clear}
          </button>
        )}
      </div>
    </details>
  );
}

function FilterSelect(props: { id: string; label: string; value: string | undefined; options: Option[]; onChange: (value: string) => void }) {
  return (
    <div class="filter-field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value ?? ""} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{s.filters.any}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
