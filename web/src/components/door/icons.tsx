// Small line icons for the door's switches (drawn, not emoji: every device
// has them, in the button's colour).
const svg = { width: 22, height: 22, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;

export function SoundIcon({ on }: { on: boolean }) {
  return (
    <svg {...svg} aria-hidden="true" focusable="false">
      <path d="M4 9v6h4l5 4V5L8 9z" />
      {on ? <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" /> : <path d="M17 9l5 6M22 9l-5 6" />}
    </svg>
  );
}

export function CameraIcon({ on }: { on: boolean }) {
  return (
    <svg {...svg} aria-hidden="true" focusable="false">
      <path d="M3 8h4l2-3h6l2 3h4v11H3z" />
      <circle cx="12" cy="13" r="3.5" />
      {!on && <path d="M3 3l18 18" />}
    </svg>
  );
}
