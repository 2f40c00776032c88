/**
 * @module The parts of the console the list does not need, loaded apart from it. The
 * conversation pane and the settings are two fifths of the console's script, and the
 * list's first paint should not wait for them to download and compile: each loads on
 * first use, and the workspace asks for both once the list is on screen, so opening a
 * conversation later rarely waits for the network. A failed load (a deploy replaced the
 * files, the network dropped) can be retried.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { s as app } from "../i18n";
import { s } from "./strings";

export interface LazyPart<M> {
  /** Starts loading if nothing has yet; the same promise for every caller meanwhile. */
  load: () => Promise<M>;
  loaded: () => M | null;
}

export function lazyPart<M>(importer: () => Promise<M>): LazyPart<M> {
  let module: M | null = null;
  let loading: Promise<M> | null = null;
  return {
    load: () =>
      (loading ??= importer().then(
        (m) => (module = m),
        (err: unknown) => {
          loading = null; // the next load tries again
          throw err;
        },
      )),
    loaded: () => module,
  };
}

export const conversationPart = lazyPart(() => import("../conversation/view"));
export const settingsPart = lazyPart(() => import("../settings/settings"));
export const profilePart = lazyPart(() => import("../profile/profile-page"));
/** The reports and uPlot: loaded only when someone opens them, never preloaded. */
export const reportsPart = lazyPart(() => import("../reports/reports-page"));
/** The help center's editor: its own chunk, fetched only when an agent opens it. */
export const helpCenterPart = lazyPart(() => import("../help-center/help-center-page"));

/** Fetches both parts (errors are for the render that needs them to show). */
export function preloadParts(): void {
  for (const part of [conversationPart, settingsPart]) part.load().catch(() => undefined);
}

type PartState<M> = { status: "loaded"; module: M } | { status: "loading" } | { status: "failed"; retry: () => void };

/** A part, rendered by `children` once loaded: until then a loading line, and after a
 * failed load an alert with a retry. */
export function Part<M>({ part, children }: { part: LazyPart<M>; children: (module: M) => ComponentChildren }) {
  const state = usePart(part);
  if (state.status === "loaded") return <>{children(state.module)}</>;
  if (state.status === "loading") return <p role="status">{app.loading}</p>;
  return (
    <p role="alert">
      {s.partFailed}{" "}
      <button type="button" onClick={state.retry}>
        {s.retry}
      </button>
    </p>
  );
}

/** The part's module once it is loaded; it starts loading on the first render that asks. */
function usePart<M>(part: LazyPart<M>): PartState<M> {
  const [module, setModule] = useState(part.loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (module) return;
    let live = true;
    part.load().then(
      (m) => live && setModule(() => m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [part, attempt]);
  if (module) return { status: "loaded", module };
  if (!failed) return { status: "loading" };
  return {
    status: "failed",
    retry: () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    },
  };
}
