// Listens for handheld-scanner bursts on the whole page (see wedge.ts). The
// code field handles its own typing and Enter; everywhere else a burst and
// its Enter are taken here and kept from the focused control.
import { useEffect, useRef, type RefObject } from "react";
import { createWedge } from "./wedge";

function isTextField(el: EventTarget | null): boolean {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(el.type)) ||
    (el instanceof HTMLElement && el.isContentEditable)
  );
}

export function useWedge(enabled: boolean, codeField: RefObject<HTMLInputElement | null>, onCode: (code: string) => void) {
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });
  useEffect(() => {
    if (!enabled) return;
    const wedge = createWedge();
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target === codeField.current) return;
      const result = wedge.key(e.key, e.timeStamp, isTextField(e.target));
      if (result.kind === "pass") return;
      // Enter after a code must not press a focused button; the burst must not pick list entries.
      e.preventDefault();
      e.stopPropagation();
      if (result.kind === "code") onCodeRef.current(result.code);
    };
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, [enabled, codeField]);
}
