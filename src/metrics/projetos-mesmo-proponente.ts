import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { outlierWeights, weightedComplexity } from "./complexity.js";
import { GAUSSIAN_FACTOR } from "./gaussian.js";
import { columnValues, frameColumns, requireTable } from "./results.js";
import type { MetricDefinition, MetricId, MetricResult, MetricResults } from "./types.js";

const ID = "projetos_mesmo_proponente";

/**
 * c(p) of every project of planilha_projetos, in tenths (an integer, so the
 * statistics below are exact): `round(10 · Σ weight·is_outlier / Σ weight, 1)`
 * over the weighted metrics of `earlier` (spec §4.10).
 */
function complexityTenths(
  pronacs: readonly string[],
  earlier: ReadonlyMap<MetricId, MetricResults>,
  weights: ReadonlyMap<MetricId, number>,
): number[] {
  const { byProject, total } = outlierWeights(earlier, weights);
  return pronacs.map((pronac) => Math.round(weightedComplexity(byProject.get(pronac) ?? 0, total) * 10));
}

/**
 * The PRONACs of each project's proponent, sorted as strings, indexed by the
 * project's row (one array shared by the proponent's projects; undefined
 * without a proponent). Reads row numbers as typed arrays and each PRONAC
 * string once.
 */
function proponentMembers(projects: pl.DataFrame, pronacs: readonly string[]): (string[] | undefined)[] {
  const grouped = projects
    .lazy()
    .filter(pl.col("proponent").isNotNull())
    .groupBy("proponent")
    .agg(pl.col("row").sortBy("pronac").alias("rows"))
    .collectSync();
  const sizes = columnValues(grouped.select(pl.col("rows").lst.lengths().alias("n")), "n") as number[];
  const rows = columnValues(grouped.select(pl.col("rows").explode()), "rows") as number[];
  const members = new Array<string[] | undefined>(pronacs.length);
  let offset = 0;
  for (const size of sizes) {
    const group = rows.slice(offset, offset + size);
    const names = group.map((row) => pronacs[row]!);
    for (const row of group) members[row] = names;
    offset += size;
  }
  return members;
}

/**
 * projetos_mesmo_proponente (spec §4.10) for every project of
 * planilha_projetos. The proponent's other projects are compared leaving the
 * project out: with m others, Sk and Sk2 the sums of their c and c² in tenths,
 * `c(self) > mean + 1.5·std` ⇔ `L > 0 ∧ 4L² > 9D` with `L = m·k − Sk` and
 * `D = m·Sk2 − Sk²` (population std), decided in exact integers so that a
 * value equal to its threshold is never an outlier. A project without a
 * proponent (null CgcCpf) has no other projects.
 */
export function computeProjetosMesmoProponente(
  tables: SalicTables,
  earlier: ReadonlyMap<MetricId, MetricResults>,
  weights: ReadonlyMap<MetricId, number>,
): MetricResults {
  const projects = requireTable(tables, "planilha_projetos", ID)
    .select(pl.col("PRONAC").alias("pronac"), pl.col("CgcCpf").alias("proponent"))
    .filter(pl.col("pronac").isNotNull())
    .unique({ subset: ["pronac"], keep: "first", maintainOrder: true });
  const pronacs = projects.getColumn("pronac").toArray() as string[];
  const scored = projects.withColumns(
    pl.Series("k", complexityTenths(pronacs, earlier, weights), pl.Int64),
    pl.Series("row", pronacs.map((_, i) => i), pl.Int64),
  );
  const groups = scored
    .filter(pl.col("proponent").isNotNull())
    .groupBy("proponent")
    .agg(
      pl.len().cast(pl.Int64).alias("size"),
      pl.col("k").sum().alias("sumK"),
      pl.col("k").mul(pl.col("k")).sum().alias("sumK2"),
    );
  const members = proponentMembers(scored, pronacs);
  const m = pl.col("size").sub(1);
  const sumK = pl.col("sumK").sub(pl.col("k"));
  const sumK2 = pl.col("sumK2").sub(pl.col("k").mul(pl.col("k")));
  const judged = scored
    .join(groups, { on: "proponent", how: "left" })
    .select(
      "row",
      m.alias("m"),
      pl.col("k").mul(m).sub(sumK).alias("L"),
      m.mul(sumK2).sub(sumK.mul(sumK)).alias("D"),
      sumK.cast(pl.Float64).div(m.cast(pl.Float64)).div(10).alias("mean"),
    )
    .withColumns(
      pl
        .when(pl.col("m").gtEq(2))
        .then(
          pl
            .col("mean")
            .add(pl.col("D").cast(pl.Float64).pow(0.5).div(pl.col("m").cast(pl.Float64)).div(10).mul(GAUSSIAN_FACTOR)),
        )
        .otherwise(pl.lit(null))
        .cast(pl.Float64)
        .alias("threshold"),
      pl
        .col("m")
        .gtEq(2)
        .and(pl.col("L").gt(0))
        .and(pl.col("L").mul(pl.col("L")).mul(4).gt(pl.col("D").mul(9)))
        .fillNull(false)
        .alias("is_outlier"),
    );
  const c = frameColumns(judged.select("row", "threshold", "is_outlier"));
  const results = new Map<string, MetricResult>();
  for (let i = 0, n = judged.height; i < n; i++) {
    const row = c.row![i] as number;
    const pronac = pronacs[row]!;
    const others = (members[row] ?? []).filter((other) => other !== pronac);
    results.set(pronac, {
      valor: others.length,
      is_outlier: c.is_outlier![i] as boolean,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: c.threshold![i] as number | null,
      projetos_submetidos: others,
    });
  }
  return results;
}

/**
 * The projetos_mesmo_proponente definition over the given metric weights
 * (the registry passes the weights of the metrics listed before it; their
 * weighted sum is 20). Its `compute` reads the earlier metrics' outliers.
 */
export function defineProjetosMesmoProponente(weights: ReadonlyMap<MetricId, number>): MetricDefinition {
  return {
    id: ID,
    weight: 2,
    tail: "right",
    description:
      "Verifica se o projeto é bem mais complexo financeiramente do que os outros projetos submetidos pelo mesmo proponente.",
    tables: ["planilha_projetos"],
    details: ["projetos_submetidos"],
    absence: "not_available",
    compute: (tables, earlier) => computeProjetosMesmoProponente(tables, earlier, weights),
  };
}
