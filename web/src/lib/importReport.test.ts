import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { FieldCode } from "../api/types";
import { groupByLine, rowErrorsFromProblem, summarize } from "./importReport";

const e = (line: number, field: string, code: FieldCode = "required", message = "m") => ({ line, field, code, message });

describe("groupByLine", () => {
  it("gathers the problems of each line in file order", () => {
    const groups = groupByLine([e(5, "max_uses", "invalid_number"), e(3, "holder_name"), e(5, "holder_email", "invalid"), e(0, "file", "encoding")]);
    expect(groups.map((g) => g.line)).toEqual([0, 3, 5]);
    expect(groups[2].problems.map((p) => p.field)).toEqual(["max_uses", "holder_email"]);
  });

  it("is empty for a clean file", () => {
    expect(groupByLine([])).toEqual([]);
  });
});

describe("summarize", () => {
  it("counts bad lines once however many problems they have", () => {
    const s = summarize({ rows: 10, imported: 0, dry_run: true, errors: [e(3, "holder_name"), e(3, "max_uses"), e(7, "valid_from")] });
    expect(s).toEqual({ rows: 10, badLines: 2, goodRows: 8, structural: false, importable: false });
  });

  it("flags header problems and allows only clean, non-empty files", () => {
    expect(summarize({ rows: 0, imported: 0, dry_run: true, errors: [e(1, "holder_name", "missing_column")] }).structural).toBe(true);
    expect(summarize({ rows: 4, imported: 0, dry_run: true, errors: [] }).importable).toBe(true);
    expect(summarize({ rows: 0, imported: 0, dry_run: true, errors: [] }).importable).toBe(false);
  });
});

describe("rowErrorsFromProblem", () => {
  it("reads the lines of a refused import", () => {
    const err = new ApiError(422, {
      type: "t",
      title: "T",
      status: 422,
      detail: "d",
      code: "validation_failed",
      errors: [{ field: "holder_name", code: "required", message: "must not be empty", line: 4 }],
    });
    expect(rowErrorsFromProblem(err)).toEqual([e(4, "holder_name", "required", "must not be empty")]);
    expect(rowErrorsFromProblem(new ApiError(500, null))).toEqual([]);
    expect(rowErrorsFromProblem(new Error("x"))).toEqual([]);
  });
});
