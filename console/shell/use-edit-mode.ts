/**
 * @module A thing's edit mode (a settings row, a contact detail). Leaving it, saved or
 * cancelled, puts the focus back on the Edit button the keyboard user left from.
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";

export function useEditMode() {
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // A layout effect: the focus moves as the button reappears, not a frame later, when it
  // could pull the caret away from wherever the person went next.
  useLayoutEffect(() => {
    if (!editing && wasEditing.current) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  return { editing, setEditing, editRef };
}
