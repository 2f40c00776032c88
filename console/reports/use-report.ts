/**
 * @module Loads one report for a view, again whenever the view changes; the latest
 * request wins, so a slow answer for an old view never replaces a newer one.
 */
import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../api";

export type Loaded<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "failed"; error: string };

export function useReport<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    load().then(
      (data) => live && setState({ status: "ready", data }),
      (err: unknown) => live && setState({ status: "failed", error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}
