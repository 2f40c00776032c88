/**
 * @module Where the help center shows in the widget: above the chat, until the visitor
 * chooses to chat. The chat UI's first load stays within its size budget
 * (test/e2e/size-budget.test.ts): this file only asks whether the inbox has a public
 * portal (a small JSON call), and the help panel itself (search, article view, feedback)
 * is a separate chunk loaded with `import()` only when there is one.
 */
import { useEffect, useState } from "preact/hooks";
import type { ComponentType } from "preact";
import type { Locale } from "../locale";
import type { HelpPanelProps } from "../help/help-panel";

type Panel = ComponentType<HelpPanelProps>;

export function HelpSlot(props: { inbox: string; locale: Locale; draft: string; onChat: () => void }) {
  const [panel, setPanel] = useState<{ Panel: Panel; slug: string } | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/v1/help-center/public/portal?inbox=${encodeURIComponent(props.inbox)}`, { credentials: "omit" })
      .then((res) => (res.ok ? (res.json() as Promise<{ portal: { slug: string } | null }>) : { portal: null }))
      .then(async ({ portal }) => {
        if (!portal || !live) return;
        const { HelpPanel } = await import("../help/help-panel");
        if (live) setPanel({ Panel: HelpPanel, slug: portal.slug });
      })
      // No help center, or it did not load: the chat is all there is.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [props.inbox]);
  if (!panel) return null;
  return <panel.Panel slug={panel.slug} locale={props.locale} draft={props.draft} onChat={props.onChat} />;
}
