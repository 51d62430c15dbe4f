// Under the picture: the code field for handheld scanners and typing, and
// the camera and sound switches (never left focused: a scanner's Enter
// would press them).
import type { RefObject } from "react";
import { useI18n } from "../../i18n";
import { CodeEntry, refocus } from "./CodeEntry";
import { CameraIcon, SoundIcon } from "./icons";

export interface Prefs {
  camera: boolean;
  sound: boolean;
}

export function DoorTools({
  codeRef,
  prefs,
  onCode,
  onToggle,
}: {
  codeRef: RefObject<HTMLInputElement | null>;
  prefs: Prefs;
  onCode: (code: string) => void;
  onToggle: (pref: keyof Prefs) => void;
}) {
  const { t } = useI18n();
  const label = {
    camera: prefs.camera ? t("door.camera.on") : t("door.camera.off"),
    sound: prefs.sound ? t("door.sound.on") : t("door.sound.off"),
  };
  return (
    <div className="door-tools">
      <CodeEntry inputRef={codeRef} onCode={onCode} />
      <div className="door-toggles">
        {(["camera", "sound"] as const).map((pref) => (
          <button
            key={pref}
            type="button"
            className="door-toggle"
            aria-pressed={prefs[pref]}
            data-testid={`door-${pref}`}
            onClick={() => {
              onToggle(pref);
              refocus(codeRef.current);
            }}
          >
            {pref === "camera" ? <CameraIcon on={prefs.camera} /> : <SoundIcon on={prefs.sound} />}
            {label[pref]}
          </button>
        ))}
      </div>
    </div>
  );
}
