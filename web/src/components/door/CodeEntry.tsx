// The code field for handheld scanners (they type the code and press Enter).
// It keeps the focus so the next scan lands here; on phones no keyboard pops
// up unless the person asks to type.
import { useEffect, useId, useState, type FormEvent, type RefObject } from "react";
import { useI18n } from "../../i18n";

/** Whether the person is typing in another field (then the code field must not steal focus). */
export function typingElsewhere(field: HTMLElement | null): boolean {
  const active = document.activeElement;
  if (!active || active === field) return false;
  return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
}

/** Puts the focus back in the code field, unless the person is typing elsewhere. */
export function refocus(field: HTMLInputElement | null): void {
  if (field && !typingElsewhere(field)) field.focus({ preventScroll: true });
}

export function CodeEntry({
  inputRef,
  onCode,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  onCode: (code: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [typing, setTyping] = useState(false);
  // The keyboard opens on focus: focus again once the field asks for text.
  useEffect(() => {
    if (typing) inputRef.current?.focus();
  }, [typing, inputRef]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = inputRef.current;
    if (!input) return;
    const code = input.value.trim();
    input.value = "";
    setTyping(false);
    if (code) onCode(code);
  }

  function keepFocus() {
    // Focus that falls to the page (a tap on the video) comes back here.
    window.setTimeout(() => {
      const input = inputRef.current;
      if (input && document.activeElement === document.body) input.focus({ preventScroll: true });
    }, 0);
  }

  return (
    <form className="door-code" onSubmit={submit}>
      <label htmlFor={id}>{t("door.code.label")}</label>
      <div className="door-code-row">
        <input
          id={id}
          ref={inputRef}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="go"
          inputMode={typing ? "text" : "none"}
          aria-describedby={`${id}-hint`}
          onBlur={keepFocus}
        />
        <button type="submit">{t("door.code.submit")}</button>
        {!typing && (
          <button
            type="button"
            onClick={() => setTyping(true)}
          >
            {t("door.code.keyboard")}
          </button>
        )}
      </div>
      <small id={`${id}-hint`} className="hint">
        {t("door.code.hint")}
      </small>
    </form>
  );
}
