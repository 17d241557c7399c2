/**
 * Surviving mutants that the gate's comparison cannot tell from the original,
 * by mutant id (`<file>:<line>:<column>#<n>`, see plan.ts), with the reason.
 * A mutant listed here that gets killed one day is simply reported as killed;
 * one that survives and is not listed is reported as not explained.
 */

const LOOP_PAST_THE_ROWS =
  "the loop over a frame's rows also runs at index -1 or at the row count, where every column reads undefined: " +
  "it only adds an entry under an undefined key (a PRONAC, tax id or line id no row has), which nothing reports, " +
  "since results are reported for planilha_projetos' PRONACs only";
const EXACT_SUM_CORRECTION =
  "changes only the error terms of Shewchuk's summation (the partials below the leading one, and the final " +
  "half-ulp correction): on counts and micro-reais, integers below 2^53, every addition is exact and those terms " +
  "are 0; on the squared deviations the change is a few ulps, far below the notebooks' tolerance (1e-9, or 0.001 " +
  "for money). Only exactSum's own unit test (lib/exact-sum.test.ts) can see it";
const EXACT_SUM_UNUSED_PATH =
  "a path the metrics never take: every caller passes start and end explicitly, and the plain sum runs only on " +
  "non-finite values, which the loaders never produce from a valid file";
const OTHER_TAIL = "the Gaussian rule's branch for the other tail: this metric uses the opposite tail, so the mutated expression is never built for it";
const OTHER_METRIC_OF_FILE = "changes the payment code of another metric defined in the same file; this metric's own code and results are unchanged";
const SAME_VALUES_OTHER_PATH =
  "columnValues then reads every column through toArray, which yields the same JavaScript values as the typed-array path (only slower)";
const NOT_AVAILABLE_NOT_COMPARED =
  "a not-available result (valor_valido false) is published by no notebook and compared by no gate: the gate " +
  "compares available results only, so no sample can show it; lib/results.test.ts guards it";
const SIGN_BELOW_A_MICRO =
  "moves where roundMoney's sign switches by at most one micro-real (or from < 0 to ≤ 0): the two signs differ only " +
  "for |micros| ≤ 1, which is below half a cent, so cents is 0 and the result is 0 whichever sign was taken";
const NEGATIVE_ZERO =
  "cents is never negative, so `cents === -1` never holds: a value rounding to 0 then comes out as sign·0/100, which is " +
  "−0 for a negative value: −0 − 0 = 0 for the gate's comparison, and JSON (every result file and API answer) writes it as 0";
const ZERO_RESULT_UNUSED = "zeroResult serves metrics \"available for every project\"; this metric's absence is not_available, so it never builds one";

const C_IS_HALF_A_WEIGHT =
  "c(p) = round(10·w/20, 1) for an integer weight sum w (spec §4.10) is w/2: one decimal at most, exact in binary, " +
  "so 4·c is an even integer and roundHalfEven's tie branch is never taken; the mutated default, guard, power or " +
  "digit count gives back the same c (and the only tie path a mutant opens returns floor(10·c) = 5·w, already even)";
const TOTAL_WEIGHT_ALWAYS_20 =
  "the proponent metric always passes the 20 of the weighted metrics before it (every metric id is in the weights " +
  "map, unweighted ones with 0): the guard, the fallback and the skipped zero weights cannot change c";
const EXACT_PATH_CHOICE =
  "only chooses between the double and the BigInt evaluation of the same exact inequality: with c in tenths and at " +
  "most 210k projects per proponent, both are exact; and L = 0 (k at the mean) gives false either way, since D ≥ 0";
const EVERY_PROJECT_COMPUTED = "the proponent metric computes a result for every project of planilha_projetos, so absentResult is never called for it";
const NULL_KEYS_NEVER_JOIN =
  "lets rows with a null key (a project without a segment, a line without a segment or item) form groups of their own; " +
  "valor is never null in any caller (a count, an exact sum or a ratio of counts per project; preco_itens keeps " +
  "prices > 0 only), and every caller joins the statistics back on those keys, which polars never matches on null: " +
  "no row receives the extra groups' statistics and the other groups are unchanged";
const NULL_PRONAC_GROUP =
  "the rows without a PRONAC then form a group of their own, under a null PRONAC: it joins no segment, no raised or " +
  "proven total and no statistics (polars never matches a null key), so it changes no other project's figures, and " +
  "its own result, under a null key, is reported nowhere (results are reported for planilha_projetos' PRONACs)";
const NO_BOOLEAN_READ =
  "changes how columnValues reads Bool columns only: this metric reads no Bool column through it (only the Gaussian " +
  "family and itens_comuns_e_incomuns_por_segmento read is_outlier from a frame)";
const LISTS_NEVER_EMPTY =
  "the proponent lists come from a group-by (every list has at least one value, none null): the null-list default " +
  "and the filter of null values never apply";

/** The metrics of each std kind (spec §4). */
const SAMPLE_STD = ["itens_orcamentarios", "valor_comprovado", "valor_aprovado", "valor_captado"];
const POPULATION_STD = ["comprovante_pagamento", "preco_itens", "itens_comuns_e_incomuns_por_segmento"];

/** The same explanation for each of `ids` judged on each of `metrics` (keys `<id>@<metric>`). */
function eachFor(explanation: string, ids: readonly string[], metrics: readonly string[]): Record<string, string> {
  return Object.fromEntries(ids.flatMap((id) => metrics.map((m) => [`${id}@${m}`, explanation])));
}

function each(explanation: string, ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, explanation]));
}

/**
 * Explanations by mutant id, or by `<id>@<metric>` where the mutant is
 * equivalent for some of the metrics that use its file only.
 */
export const EQUIVALENT: Readonly<Record<string, string>> = {
  ...each(
    "the loop also squares the deviation of the value just past its group: that slot is outside [start, end), which " +
      "the group's exactSum never reads, and it is the next group's first, which that group overwrites before summing; " +
      "past the last group the write falls outside the typed array and is dropped",
    ["src/metrics/lib/segment-stats.ts:44:27#1"],
  ),
  ...each(SIGN_BELOW_A_MICRO, ["src/metrics/lib/money.ts:9:23#1", "src/metrics/lib/money.ts:9:25#1", "src/metrics/lib/money.ts:9:25#2"]),
  ...each(NEGATIVE_ZERO, ["src/metrics/lib/money.ts:15:20#2"]),
  ...eachFor("the constant selects the sample std's n − 1; this metric uses the population std", [
    "src/metrics/lib/segment-stats.ts:23:35#1",
    "src/metrics/lib/segment-stats.ts:23:35#2",
  ], POPULATION_STD),
  ...eachFor("the constant selects the population std's n − 0; this metric uses the sample std", [
    "src/metrics/lib/segment-stats.ts:23:39#1",
    "src/metrics/lib/segment-stats.ts:23:39#2",
  ], SAMPLE_STD),
  ...eachFor("with the population std (ddof 0) a group has n ≥ 1 values, so n > 0 and n ≥ 0 agree, and n − 0 = n + 0", [
    "src/metrics/lib/segment-stats.ts:46:17#1",
    "src/metrics/lib/segment-stats.ts:46:71#1",
  ], POPULATION_STD),
  ...each(LOOP_PAST_THE_ROWS, [
    "src/metrics/comprovantes-acima-50.ts:48:16#2",
    "src/metrics/comprovantes-acima-50.ts:48:38#1",
    "src/metrics/lib/frame.ts:29:16#2",
    "src/metrics/lib/segment-gaussian.ts:71:16#2",
    "src/metrics/lib/segment-gaussian.ts:71:40#1",
    "src/metrics/novos-fornecedores.ts:154:16#2",
    "src/metrics/novos-fornecedores.ts:154:39#1",
    "src/metrics/novos-fornecedores.ts:161:16#2",
    "src/metrics/novos-fornecedores.ts:161:39#1",
    "src/metrics/novos-fornecedores.ts:163:15#2",
    "src/metrics/novos-fornecedores.ts:170:16#2",
    "src/metrics/novos-fornecedores.ts:170:43#1",
    "src/metrics/preco-itens.ts:52:16#2",
    "src/metrics/preco-itens.ts:52:44#1",
    "src/metrics/shared-receipts.ts:81:16#2",
    "src/metrics/shared-receipts.ts:81:38#1",
    "src/metrics/valor-a-ser-comprovado.ts:34:16#2",
    "src/metrics/valor-a-ser-comprovado.ts:34:39#1",
  ]),
  ...each(EXACT_SUM_CORRECTION, [
    "src/metrics/lib/exact-sum.ts:18:23#1",
    "src/metrics/lib/exact-sum.ts:21:14#1",
    "src/metrics/lib/exact-sum.ts:21:18#1",
    "src/metrics/lib/exact-sum.ts:21:18#2",
    "src/metrics/lib/exact-sum.ts:33:13#2",
    "src/metrics/lib/exact-sum.ts:33:23#1",
    "src/metrics/lib/exact-sum.ts:33:23#2",
    "src/metrics/lib/exact-sum.ts:35:12#1",
    "src/metrics/lib/exact-sum.ts:35:12#2",
    "src/metrics/lib/exact-sum.ts:36:14#1",
    "src/metrics/lib/exact-sum.ts:39:12#1",
    "src/metrics/lib/exact-sum.ts:40:12#1",
    "src/metrics/lib/exact-sum.ts:41:12#1",
    "src/metrics/lib/exact-sum.ts:41:16#1",
    "src/metrics/lib/exact-sum.ts:41:16#2",
    "src/metrics/lib/exact-sum.ts:44:28#1",
    "src/metrics/lib/exact-sum.ts:44:30#1",
    "src/metrics/lib/exact-sum.ts:44:30#2",
    "src/metrics/lib/exact-sum.ts:45:11#1",
    "src/metrics/lib/exact-sum.ts:45:11#2",
    "src/metrics/lib/exact-sum.ts:45:13#1",
    "src/metrics/lib/exact-sum.ts:45:22#1",
    "src/metrics/lib/exact-sum.ts:45:36#1",
    "src/metrics/lib/exact-sum.ts:45:44#1",
    "src/metrics/lib/exact-sum.ts:45:46#1",
    "src/metrics/lib/exact-sum.ts:45:46#2",
    "src/metrics/lib/exact-sum.ts:45:48#1",
    "src/metrics/lib/exact-sum.ts:45:57#1",
    "src/metrics/lib/exact-sum.ts:45:59#1",
    "src/metrics/lib/exact-sum.ts:45:59#2",
    "src/metrics/lib/exact-sum.ts:45:62#1",
    "src/metrics/lib/exact-sum.ts:45:69#1",
    "src/metrics/lib/exact-sum.ts:45:71#1",
    "src/metrics/lib/exact-sum.ts:45:71#2",
    "src/metrics/lib/exact-sum.ts:45:73#1",
    "src/metrics/lib/exact-sum.ts:45:82#1",
    "src/metrics/lib/exact-sum.ts:45:84#1",
    "src/metrics/lib/exact-sum.ts:45:84#2",
    "src/metrics/lib/exact-sum.ts:45:9#1",
    "src/metrics/lib/exact-sum.ts:46:20#1",
    "src/metrics/lib/exact-sum.ts:46:20#2",
    "src/metrics/lib/exact-sum.ts:47:18#1",
    "src/metrics/lib/exact-sum.ts:48:11#1",
    "src/metrics/lib/exact-sum.ts:48:17#1",
  ]),
  ...each(EXACT_SUM_UNUSED_PATH, [
    "src/metrics/lib/exact-sum.ts:10:61#1",
    "src/metrics/lib/exact-sum.ts:10:61#2",
    "src/metrics/lib/exact-sum.ts:54:13#1",
    "src/metrics/lib/exact-sum.ts:54:13#2",
    "src/metrics/lib/exact-sum.ts:55:25#1",
  ]),
  ...each(OTHER_TAIL, [
    "src/metrics/lib/gaussian.ts:15:44#1",
    "src/metrics/lib/gaussian.ts:15:73#1",
    "src/metrics/lib/gaussian.ts:23:43#1",
    "src/metrics/lib/gaussian.ts:23:65#1",
  ]),
  ...each(OTHER_METRIC_OF_FILE, [
    "src/metrics/shared-receipts.ts:135:76#1",
    "src/metrics/shared-receipts.ts:135:76#2",
    "src/metrics/shared-receipts.ts:138:90#1",
    "src/metrics/shared-receipts.ts:138:90#2",
    "src/metrics/shared-receipts.ts:141:74#1",
    "src/metrics/shared-receipts.ts:141:74#2",
  ]),
  ...each(SAME_VALUES_OTHER_PATH, [
    "src/metrics/lib/frame.ts:22:13#1",
  ]),
  ...each(NOT_AVAILABLE_NOT_COMPARED, [
    "src/metrics/lib/results.ts:12:12#1",
    "src/metrics/lib/results.ts:12:12#2",
  ]),
  ...each(ZERO_RESULT_UNUSED, [
    "src/metrics/lib/results.ts:30:12#1",
    "src/metrics/lib/results.ts:30:12#2",
    "src/metrics/lib/results.ts:33:22#1",
    "src/metrics/lib/results.ts:33:22#2",
    "src/metrics/lib/results.ts:34:22#1",
    "src/metrics/lib/results.ts:34:22#2",
  ]),
  ...each(C_IS_HALF_A_WEIGHT, [
    "src/metrics/lib/complexity.ts:11:78#1",
    "src/metrics/lib/rounding.ts:12:51#1",
    "src/metrics/lib/rounding.ts:12:51#2",
    "src/metrics/lib/rounding.ts:13:33#1",
    "src/metrics/lib/rounding.ts:13:43#1",
    "src/metrics/lib/rounding.ts:13:45#1",
    "src/metrics/lib/rounding.ts:13:45#2",
    "src/metrics/lib/rounding.ts:17:23#1",
    "src/metrics/lib/rounding.ts:17:23#2",
    "src/metrics/lib/rounding.ts:17:36#1",
    "src/metrics/lib/rounding.ts:17:38#1",
    "src/metrics/lib/rounding.ts:18:46#2",
    "src/metrics/lib/rounding.ts:20:34#1",
    "src/metrics/lib/rounding.ts:20:34#2",
    "src/metrics/lib/rounding.ts:21:26#1",
    "src/metrics/lib/rounding.ts:21:26#2",
    "src/metrics/lib/rounding.ts:21:28#1",
    "src/metrics/lib/rounding.ts:21:32#1",
    "src/metrics/lib/rounding.ts:21:32#2",
    "src/metrics/lib/rounding.ts:21:50#1",
    "src/metrics/lib/rounding.ts:21:52#1",
    "src/metrics/lib/rounding.ts:21:52#2",
    "src/metrics/lib/rounding.ts:22:19#1",
    "src/metrics/lib/rounding.ts:22:19#2",
  ]),
  ...each(TOTAL_WEIGHT_ALWAYS_20, [
    "src/metrics/lib/complexity.ts:11:22#1",
    "src/metrics/lib/complexity.ts:11:24#1",
    "src/metrics/lib/complexity.ts:11:24#2",
    "src/metrics/lib/complexity.ts:11:83#1",
    "src/metrics/lib/complexity.ts:11:83#2",
    "src/metrics/lib/complexity.ts:31:39#1",
    "src/metrics/lib/complexity.ts:31:39#2",
    "src/metrics/lib/complexity.ts:32:16#1",
    "src/metrics/lib/complexity.ts:32:19#2",
  ]),
  ...each(EXACT_PATH_CHOICE, [
    "src/metrics/projetos-mesmo-proponente.ts:48:9#1",
    "src/metrics/projetos-mesmo-proponente.ts:48:12#2",
    "src/metrics/projetos-mesmo-proponente.ts:50:28#1",
    "src/metrics/projetos-mesmo-proponente.ts:50:28#2",
    "src/metrics/projetos-mesmo-proponente.ts:50:39#1",
    "src/metrics/projetos-mesmo-proponente.ts:50:63#1",
    "src/metrics/projetos-mesmo-proponente.ts:50:63#2",
    "src/metrics/projetos-mesmo-proponente.ts:51:31#1",
    "src/metrics/projetos-mesmo-proponente.ts:51:65#1",
  ]),
  ...each(EVERY_PROJECT_COMPUTED, ["src/metrics/lib/results.ts:42:25#1"]),
  ...each(NULL_KEYS_NEVER_JOIN, ["src/metrics/lib/segment-stats.ts:27:18#1", "src/metrics/lib/segment-stats.ts:30:41#1"]),
  ...each(NULL_PRONAC_GROUP, [
    "src/metrics/lib/segment-gaussian.ts:59:18#1",
    "src/metrics/valor-a-ser-comprovado.ts:15:18#1",
    "src/metrics/valor-a-ser-comprovado.ts:21:18#1",
  ]),
  ...eachFor(NO_BOOLEAN_READ, ["src/metrics/lib/frame.ts:31:51#1", "src/metrics/lib/frame.ts:31:55#1", "src/metrics/lib/frame.ts:31:55#2"], [
    "valor_a_ser_comprovado",
    "comprovantes_acima_50",
    "comprovante_cheque",
    "comprovante_transferencia",
    "comprovante_saque",
    "novos_fornecedores",
    "preco_itens",
  ]),
  ...eachFor(LISTS_NEVER_EMPTY, ["src/metrics/lib/frame.ts:49:83#1", "src/metrics/lib/frame.ts:49:83#2", "src/metrics/lib/frame.ts:51:5#1"], [
    "projetos_mesmo_proponente",
  ]),
  ...eachFor(
    "a one-project segment then gets std sqrt(0/0) = NaN instead of null: its threshold is NaN, valor > NaN is false " +
      "(as for a null threshold), and columnValues reads NaN as null, so the result is the same",
    ["src/metrics/lib/segment-stats.ts:46:17#1"],
    SAMPLE_STD,
  ),
  ...each(
    "tenths of c are 5·w for an integer weight sum w, so L = m·k − sumK is a multiple of 5 and is never 1",
    ["src/metrics/projetos-mesmo-proponente.ts:48:12#1"],
  ),
  ...each("with nothing added the sum is 0 as well, so the product test 0 > 0 is false whether n > 0 or n ≥ 0 guards it", [
    "src/metrics/novos-fornecedores.ts:108:19#1",
  ]),
  ...each(
    "the mean of shares (each ≤ 1) is at most 1, so num has no more bits than the denominator and the shift is at " +
      "least 64: Math.max's first argument (0, 1 or −1) never wins",
    ["src/metrics/novos-fornecedores.ts:130:26#1", "src/metrics/novos-fornecedores.ts:130:26#2"],
  ),
  ...each(
    "the quotient keeps 63 to 66 significant bits plus the sticky bit, more than the 53 + 2 that round-to-nearest " +
      "needs: the same double",
    ["src/metrics/novos-fornecedores.ts:130:29#1", "src/metrics/novos-fornecedores.ts:130:29#2"],
  ),
  ...each(
    "sets the sticky bit when the division is exact and clears it when not: the 64-bit quotient moves by one unit " +
      "in its last bit, so the double moves by at most one ulp (2.2e-16 of a share ≤ 1), far below the notebooks' " +
      "tolerance (1e-9); the outlier test is exact and does not read this value",
    ["src/metrics/novos-fornecedores.ts:133:30#1"],
  ),
  ...each(
    "all_items rows can be counted only from 1 up: a project in the table has at least one group, and nUnique of a " +
      "group's struct is at least 1, so rows is never 0 (nor −1) and the branch for a project without rows is never taken",
    [
      "src/metrics/itens-comuns-e-incomuns.ts:56:33#2",
      "src/metrics/itens-comuns-e-incomuns.ts:57:22#1",
      "src/metrics/itens-comuns-e-incomuns.ts:57:22#2",
    ],
  ),
  ...each("sorting by rows × −2 instead of × −1 gives the same order (the counts are small integers, exact either way)", [
    "src/metrics/lib/common-items.ts:50:51#1",
  ]),
  ...each(
    "slice(2) adds idPlanilhaItens to the struct counted per group, but it is a key of that group-by, constant " +
      "within the group: the same number of distinct structs",
    ["src/metrics/lib/common-items.ts:26:40#2"],
  ),
};

/**
 * Survivors that are not equivalent, by mutant id: the input that would kill
 * each and why the sample does not hold it. They count against the score
 * (unlike EQUIVALENT); the report writes them as "survives, not equivalent".
 */
export const KNOWN_SURVIVORS: Readonly<Record<string, string>> = {
  "src/metrics/novos-fornecedores.ts:130:32#1":
    "the shift becomes 64 − d for a mean near 2^-d instead of 64 + d, so the quotient keeps 64 − 2d bits: the error, " +
    "about 2^(d − 64), passes the notebooks' tolerance (1e-9 absolute) only once d exceeds 32, a segment mean of shares " +
    "below 2^-32 (one new provider among some 4·10^9 providers of a segment's projects), which no real segment reaches",
  "src/metrics/novos-fornecedores.ts:130:48#1":
    "measuring num in base 3 only lengthens the shift, which is harmless until 2^shift overflows a double: that needs " +
    "an exact mean whose denominator (the lcm of the projects' provider counts, times their number) has about 2 600 " +
    "bits, far beyond any real segment",
  "src/metrics/novos-fornecedores.ts:130:73#1":
    "measuring the denominator in base 3 shortens the shift by about 0.37 bit per bit of it: the mean loses precision " +
    "beyond the tolerance once the denominator passes about 2^90, which takes projects with some twenty distinct " +
    "prime provider counts in one segment (national data can; the sample's lcm is near 2^37)",
  "src/metrics/preco-itens.ts:37:93#1":
    "`valor > 1` instead of `> 0` in micro-reais leaves out of the reference prices a unit price of exactly " +
    "R$ 0.000001; killing it needs such a price in a (segment, item) pair where leaving it out flips a line's " +
    "overpriced verdict, a construction the sample does not yet plant (Salic prices have 2 to 4 decimals)",
};
