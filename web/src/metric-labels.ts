import { formatFraction, formatMoney, formatNumber } from "./format";

/**
 * How the page names and shows each metric. What a metric checks comes from
 * the service (/v1/metrics/, the registry's own description); this only
 * holds presentation: a short title and how to write its values.
 */
interface MetricLabel {
  title: string;
  format: (value: number | null | undefined) => string;
}

const count = (value: number | null | undefined) => formatNumber(value);

const LABELS: Record<string, MetricLabel> = {
  itens_orcamentarios: { title: "Itens orçamentários", format: count },
  comprovante_pagamento: { title: "Comprovantes de pagamento", format: count },
  valor_comprovado: { title: "Valor comprovado", format: formatMoney },
  valor_aprovado: { title: "Valor aprovado", format: formatMoney },
  valor_captado: { title: "Valor captado", format: formatMoney },
  valor_a_ser_comprovado: { title: "Valor a ser comprovado", format: formatMoney },
  comprovantes_acima_50: { title: "Comprovantes acima de 150 % do aprovado", format: count },
  comprovante_cheque: { title: "Cheques que pagam vários itens", format: count },
  comprovante_transferencia: { title: "Transferências que pagam vários itens", format: count },
  comprovante_saque: { title: "Saques que pagam vários itens", format: count },
  novos_fornecedores: { title: "Fornecedores novos", format: count },
  projetos_mesmo_proponente: { title: "Outros projetos do proponente", format: count },
  preco_itens: { title: "Preços acima da referência", format: count },
  itens_comuns_e_incomuns_por_segmento: { title: "Itens comuns do segmento", format: formatFraction },
};

/** Title and value format of a metric; an unknown metric gets its id and plain numbers. */
export function metricLabel(id: string): MetricLabel {
  return LABELS[id] ?? { title: id.replace(/_/g, " "), format: count };
}
