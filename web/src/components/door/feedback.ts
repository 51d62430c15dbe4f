// Sound and vibration for door answers: a bright double beep for "admitted",
// a low buzz for "refused", so the answer is known without looking.
let audio: AudioContext | null = null;

/** Creates or wakes the audio context; call it from a tap or key press (autoplay rules). */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
  } catch {
    audio = null;
  }
}

function tone(ctx: AudioContext, freq: number, start: number, length: number, type: OscillatorType) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  // Short ramps avoid clicks at both ends.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + length + 0.02);
}

export function signal(kind: "ok" | "bad", sound: boolean): void {
  if (sound && audio && audio.state === "running") {
    const now = audio.currentTime;
    if (kind === "ok") {
      tone(audio, 880, now, 0.09, "sine");
      tone(audio, 1320, now + 0.11, 0.12, "sine");
    } else {
      tone(audio, 196, now, 0.45, "square");
    }
  }
  if (typeof navigator !== "undefined" && "vibrate" in navigator) {
    try {
      navigator.vibrate(kind === "ok" ? 80 : [220, 90, 220]);
    } catch {
      /* not allowed without a prior tap: silence is fine */
    }
  }
}
