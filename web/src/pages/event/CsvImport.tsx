// CSV import in two steps: a dry run that reports every bad row, then the
// real import (all or nothing) once the file is clean.
import { useId, useState, type ChangeEvent } from "react";
import { Link } from "react-router-dom";
import type { EventView, ImportResult } from "../../api/types";
import { ErrorBanner, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { groupByLine, rowErrorsFromProblem, summarize, type RowError } from "../../lib/importReport";
import { eventPath } from "../../lib/query";
import { countText } from "../../lib/reasons";
import { upload } from "../../lib/transfer";

const COLUMNS = "holder_name, holder_email, category, valid_from, valid_until, max_uses, note, locale";

type Phase = "idle" | "checking" | "importing";

export function CsvImport({ event }: { event: EventView }) {
  const { t, lang } = useI18n();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [sent, setSent] = useState<{ loaded: number; total: number | null }>({ loaded: 0, total: null });
  const [report, setReport] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<RowError[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  function choose(e: ChangeEvent<HTMLInputElement>) {
    setFile(e.target.files?.[0] ?? null);
    setReport(null);
    setRefused([]);
    setImported(null);
    setError(null);
  }

  async function send(dryRun: boolean) {
    if (!file) return;
    setPhase(dryRun ? "checking" : "importing");
    setSent({ loaded: 0, total: file.size || null });
    setError(null);
    setRefused([]);
    try {
      const path = eventPath(event.id, `/tickets/import${dryRun ? "?dry_run=true" : ""}`);
      const result = await upload<ImportResult>(path, file, "text/csv", (loaded, total) => setSent({ loaded, total }));
      if (dryRun) setReport(result);
      else {
        setImported(result.imported);
        setReport(null);
        setFile(null);
      }
    } catch (err) {
      const rows = rowErrorsFromProblem(err);
      if (rows.length) setRefused(rows);
      else setError(err);
    } finally {
      setPhase("idle");
    }
  }

  const summary = report ? summarize(report) : null;
  const problems = report ? report.errors : refused;
  const lines = groupByLine(problems);

  let headline = "";
  if (imported !== null) headline = countText(t, lang, "dash.import.done", imported);
  else if (summary && summary.structural) headline = t("dash.import.structural");
  else if (summary && summary.rows === 0) headline = t("dash.import.emptyFile");
  else if (summary) {
    const rows = countText(t, lang, "dash.import.rows", summary.rows);
    headline = `${rows} ${summary.importable ? t("dash.import.noProblems") : countText(t, lang, "dash.import.badLines", summary.badLines)}`;
  } else if (refused.length) headline = t("dash.import.refused");

  return (
    <section aria-labelledby="csv-title" className="card">
      <h3 id="csv-title">{t("dash.import.title")}</h3>
      <p className="hint">{t("dash.import.help", { columns: COLUMNS })}</p>
      <div className="field">
        <label htmlFor={inputId}>{t("dash.import.file")}</label>
        <input id={inputId} type="file" accept=".csv,text/csv" onChange={choose} aria-describedby={`${inputId}-hint`} />
        <small id={`${inputId}-hint`} className="hint">
          {t("dash.import.fileHint")}
        </small>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => void send(true)} disabled={!file || phase !== "idle"} aria-busy={phase === "checking" || undefined}>
          {t("dash.import.check")}
        </button>
      </div>
      {phase !== "idle" && (
        <div className="upload-progress">
          <label htmlFor={`${inputId}-progress`}>{phase === "checking" ? t("dash.import.checking") : t("dash.import.importing")}</label>
          <progress id={`${inputId}-progress`} value={sent.total ? sent.loaded : undefined} max={sent.total ?? undefined} />
        </div>
      )}
      <ErrorBanner error={error} />
      <Status className={headline ? (summary?.importable || imported !== null ? "banner banner-ok" : "banner banner-warn") : "status"}>
        {headline}
        {imported !== null && (
          <>
            {" "}
            <Link to={`/events/${event.id}/tickets`}>{t("dash.issue.seeList")}</Link>
          </>
        )}
      </Status>

      {lines.length > 0 && (
        <div className="table-wrap">
          <table className="report">
            <caption>{t("dash.import.reportCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.import.line")}</th>
                <th scope="col">{t("dash.import.column")}</th>
                <th scope="col">{t("dash.import.reason")}</th>
              </tr>
            </thead>
            {lines.map((line) => (
              <tbody key={line.line}>
                {line.problems.map((p, i) => (
                  <tr key={i}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={line.problems.length}>
                        {line.line > 0 ? line.line : t("dash.import.wholeFile")}
                      </th>
                    )}
                    <td>
                      <code>{p.field}</code>
                    </td>
                    <td>{fieldText(p.code, t)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}

      {summary?.importable && file && (
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => void send(false)} disabled={phase !== "idle"}>
            {countText(t, lang, "dash.import.import", summary.rows)}
          </button>
        </div>
      )}
    </section>
  );
}
