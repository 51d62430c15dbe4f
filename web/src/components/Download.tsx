// A button that fetches a file through the API client and saves it, with a
// progress bar while it arrives and a readable error if it does not.
import { useState, type ReactNode } from "react";
import { useI18n } from "../i18n";
import { describeError } from "../i18n/errors";
import { download } from "../lib/transfer";

export function DownloadButton({
  path,
  filename,
  children,
  className,
}: {
  path: string;
  filename: string;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<{ loaded: number; total: number | null } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    setError(null);
    setProgress({ loaded: 0, total: null });
    try {
      await download(path, filename, (loaded, total) => setProgress({ loaded, total }));
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  }

  return (
    <span className="download">
      <button type="button" className={className} onClick={() => void run()} disabled={progress !== null} aria-busy={progress !== null || undefined}>
        {children}
      </button>
      {progress && (
        <progress
          value={progress.total ? progress.loaded : undefined}
          max={progress.total ?? undefined}
          aria-label={t("dash.download.progress", { name: filename })}
        />
      )}
      {Boolean(error) && (
        <span className="field-error" role="alert">
          {describeError(error, t)}
        </span>
      )}
    </span>
  );
}
