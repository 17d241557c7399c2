/** Number formatting for Brazilian readers (decimal comma, R$). */

const money = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });
const decimal = new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 2 });
const score = new Intl.NumberFormat("pt-BR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("pt-BR", { style: "percent", maximumFractionDigits: 1 });

export const formatMoney = (value: number | null | undefined): string => (value == null ? "—" : money.format(value));
export const formatNumber = (value: number | null | undefined): string => (value == null ? "—" : decimal.format(value));
export const formatScore = (value: number): string => score.format(value);
/** A fraction (0.25) as a percentage ("25 %"). */
export const formatFraction = (value: number | null | undefined): string => (value == null ? "—" : percent.format(value));
