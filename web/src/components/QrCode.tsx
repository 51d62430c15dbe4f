// A QR code as an SVG image, made in the browser (see lib/qr.ts).
import { useMemo } from "react";
import { qrPicture } from "../lib/qr";

export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const pic = useMemo(() => qrPicture(text), [text]);
  return (
    <svg
      className={className ?? "qr-code"}
      viewBox={`0 0 ${pic.size} ${pic.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={pic.size} height={pic.size} fill="#fff" />
      <path d={pic.path} fill="#000" />
    </svg>
  );
}
