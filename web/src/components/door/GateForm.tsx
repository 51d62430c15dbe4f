// First step at the door: say which gate this device is at (remembered per event).
import { useState, type FormEvent } from "react";
import { useI18n } from "../../i18n";
import { Field } from "../ui";

export function GateForm({ initial, onStart }: { initial: string; onStart: (gate: string) => void }) {
  const { t } = useI18n();
  const [gate, setGate] = useState(initial);
  const [error, setError] = useState<string | undefined>();

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = gate.trim();
    if (!value) {
      setError(t("field.required"));
      return;
    }
    onStart(value);
  }

  return (
    <form className="door-gate card" onSubmit={submit} noValidate>
      <Field
        label={t("door.gate.label")}
        hint={t("door.gate.hint")}
        name="gate"
        value={gate}
        maxLength={60}
        autoComplete="off"
        autoFocus
        required
        error={error}
        onChange={(e) => {
          setGate(e.target.value);
          setError(undefined);
        }}
      />
      <button type="submit" className="primary door-big-button">
        {t("door.gate.start")}
      </button>
    </form>
  );
}
