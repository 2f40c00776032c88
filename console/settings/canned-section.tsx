/**
 * @module Settings → Canned responses: search them (the server's `q`, as the composer's
 * `/` search uses), add one, edit or delete one.
 */
import { useEffect, useState } from "preact/hooks";
import type { CannedResponse } from "../../worker/protocol";
import { CannedForm, type CannedInput } from "./canned-form";
import { ListSection, type ItemKind } from "./list-section";
import type { SectionProps } from "./section-parts";
import { settingsApi } from "./settings-api";
import { s } from "./strings";

/** Typing pauses this long before the list asks the server again. */
const SEARCH_DEBOUNCE_MS = 200;

const name = (canned: CannedResponse) => `/${canned.shortcode}`;

export function CannedSection(props: SectionProps & { agentName: string }) {
  const [query, setQuery] = useState("");
  const [searched, setSearched] = useState("");

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const kind: ItemKind<CannedResponse, CannedInput> = {
    id: "canned",
    words: s.canned,
    name,
    // The composer looks canned responses up as the agent types: no copy to refresh.
    api: settingsApi.canned,
    form: (formProps) => <CannedForm {...formProps} agentName={props.agentName} />,
    summary: (canned) => (
      <div class="canned-summary">
        <code>{name(canned)}</code>
        <p class="canned-body">{canned.body}</p>
      </div>
    ),
    rowClass: "canned-row",
  };

  return (
    <ListSection {...props} kind={kind} load={() => settingsApi.canned.list(searched)} loadKey={searched} empty={searched ? s.canned.noMatch(searched) : undefined}>
      <div class="settings-search" role="search">
        <label>
          {s.canned.search}
          <input type="search" value={query} maxLength={200} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      </div>
    </ListSection>
  );
}
