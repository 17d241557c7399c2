/**
 * Fixed Portuguese vocabulary of the synthetic Salic data: areas, segments,
 * catalogue items, cities, stages, products and name parts. Plain data; the
 * world builder (world.ts) draws from it with the seeded generator.
 */

/** Cultural areas (idArea → Area). */
export const AREAS: ReadonlyArray<readonly [code: string, name: string]> = [
  ["1", "Artes Cênicas"],
  ["2", "Audiovisual"],
  ["3", "Música"],
  ["4", "Artes Visuais"],
  ["5", "Patrimônio Cultural"],
  ["6", "Humanidades"],
  ["7", "Artes Integradas"],
  ["9", "Museus e Memória"],
];

/**
 * Named segments, most-used first. The sample takes a prefix of this list; the
 * national run adds synthetic codes of the same shape up to 127.
 */
export const NAMED_SEGMENTS: ReadonlyArray<readonly [code: string, name: string]> = [
  ["11", "Teatro"],
  ["31", "Música Erudita"],
  ["32", "Música Popular Cantada"],
  ["4B", "Exposição de Artes Visuais"],
  ["12", "Dança"],
  ["21", "Produção Cinematográfica"],
  ["6E", "Livros de Valor Artístico, Literário ou Humanístico"],
  ["71", "Artes Integradas"],
  ["33", "Música Instrumental"],
  ["13", "Circo"],
  ["2A", "Mostras e Festivais Audiovisuais"],
  ["53", "Acervos e Arquivos"],
  ["51", "Patrimônio Histórico e Artístico"],
  ["41", "Artes Plásticas"],
  ["42", "Fotografia"],
  ["91", "Museus"],
  ["22", "Produção Videofonográfica"],
  ["14", "Ópera"],
  ["63", "Eventos Literários"],
  ["5A", "Cultura Popular e Tradições"],
  ["23", "Rádio e TV Educativas"],
  ["43", "Artes Gráficas"],
  ["15", "Mímica"],
  ["6B", "Bibliotecas"],
  ["3A", "Festivais de Música"],
  ["72", "Ações de Capacitação Cultural"],
  ["44", "Gravura"],
  ["1C", "Artes Cênicas – Festivais"],
  ["92", "Memória e Arquivos Históricos"],
  ["2D", "Difusão de Obras Audiovisuais"],
];

/** A catalogue entry: name, unit, typical unit price in reais, areas it belongs to ("*" = all). */
export interface ItemSeed {
  readonly name: string;
  readonly unit: string;
  readonly price: number;
  readonly areas: string;
}

const item = (name: string, unit: string, price: number, areas = "*"): ItemSeed => ({ name, unit, price, areas });

/** Catalogue items. Some names carry commas, double quotes, accents and one a line break on purpose. */
export const ITEMS: readonly ItemSeed[] = [
  // Administration and promotion: every area.
  item("Produtor executivo", "Mês", 4500),
  item("Coordenador administrativo-financeiro", "Mês", 3800),
  item("Assessoria de imprensa", "Mês", 3000),
  item("Contador", "Serviço", 2500),
  item("Designer gráfico", "Serviço", 2800),
  item("Registro fotográfico", "Serviço", 1800),
  item("Registro audiovisual", "Serviço", 3500),
  item("Passagens aéreas, ida e volta", "Unidade", 950),
  item("Hospedagem, alimentação e transporte", "Diária", 380),
  item("Material gráfico (cartazes,\nfolders e banners)", "Unidade", 1.8),
  item('Impressão de "flyers"', "Milheiro", 320),
  item("Mídia em redes sociais", "Verba", 2000),
  item("Anúncio em jornal", "Inserção", 1500),
  item("Spot de rádio", "Inserção", 180),
  item("Seguro de equipamentos", "Verba", 1200),
  item("Transporte de carga", "Frete", 2200),
  item("Locação de van", "Diária", 450),
  item("Tradução e legendagem", "Lauda", 60),
  item("Intérprete de Libras", "Hora", 120),
  item("Audiodescrição", "Serviço", 2500),
  item("Custos de captação", "Verba", 6000),
  item("Remuneração de captação de recursos", "Verba", 8000),
  item("Elaboração de projeto", "Serviço", 3000),
  item("Taxa de ECAD", "Verba", 900),
  item("Coquetel de lançamento", "Evento", 3500),
  item("Site do projeto", "Serviço", 4000),
  item("Assistente de produção", "Mês", 2200),
  item("Segurança", "Diária", 220),
  item("Limpeza", "Diária", 180),
  item("Brigada de incêndio", "Diária", 350),
  // Performing arts.
  item("Ator", "Cachê", 1500, "1"),
  item("Atriz", "Cachê", 1500, "1"),
  item("Diretor teatral", "Serviço", 9000, "1"),
  item("Dramaturgo", "Serviço", 6000, "1"),
  item("Cenógrafo", "Serviço", 7000, "1"),
  item("Figurinista", "Serviço", 5500, "1"),
  item("Iluminador", "Serviço", 4500, "1"),
  item("Sonoplasta", "Serviço", 3500, "1"),
  item("Coreógrafo", "Serviço", 7000, "1"),
  item("Bailarino", "Cachê", 1200, "1"),
  item("Artista circense", "Cachê", 1300, "1"),
  item("Lona de circo", "Locação", 15000, "1"),
  item("Locação de teatro", "Diária", 3500, "1"),
  item("Confecção de cenário", "Verba", 18000, "1"),
  item("Confecção de figurinos", "Peça", 650, "1"),
  item("Maquiador", "Diária", 400, "1"),
  item("Contrarregra", "Diária", 250, "1"),
  item("Camareira", "Diária", 220, "1"),
  item("Ensaios – locação de sala", "Hora", 90, "1"),
  item('Cachê de artista "convidado"', "Cachê", 5000, "13"),
  // Audiovisual.
  item("Diretor de fotografia", "Semana", 6500, "2"),
  item("Roteirista", "Serviço", 12000, "2"),
  item("Montador", "Semana", 4000, "2"),
  item("Câmera", "Diária", 900, "2"),
  item("Técnico de som direto", "Diária", 800, "2"),
  item("Locação de câmera digital", "Diária", 1200, "2"),
  item("Finalização e color grading", "Serviço", 25000, "2"),
  item("Mixagem de som 5.1", "Serviço", 15000, "2"),
  item("Cópia DCP", "Unidade", 1800, "2"),
  item("Curadoria de mostra", "Serviço", 8000, "2"),
  item("Projeção digital", "Diária", 1500, "2"),
  item("Elenco de apoio", "Diária", 300, "2"),
  // Music.
  item("Músico", "Cachê", 800, "3"),
  item("Regente", "Cachê", 6000, "3"),
  item("Solista", "Cachê", 4000, "3"),
  item("Arranjador", "Serviço", 3000, "3"),
  item("Técnico de som", "Diária", 600, "3"),
  item("Locação de sistema de som (P.A.)", "Diária", 4500, "3"),
  item("Afinação de piano", "Serviço", 350, "3"),
  item("Gravação em estúdio", "Hora", 250, "3"),
  item("Masterização", "Faixa", 400, "3"),
  item("Prensagem de CD", "Unidade", 4.5, "3"),
  item("Copista de partituras", "Página", 35, "3"),
  item("Locação de instrumentos", "Diária", 700, "3"),
  item("Palco, sonorização e iluminação", "Diária", 12000, "37"),
  // Visual arts and museums.
  item("Curador", "Serviço", 9000, "49"),
  item("Montagem de exposição", "Serviço", 12000, "49"),
  item("Expografia", "Serviço", 8000, "49"),
  item("Moldura e passe-partout", "Unidade", 280, "4"),
  item("Transporte de obras de arte", "Frete", 6000, "49"),
  item("Seguro de obras \"prego a prego\"", "Verba", 9000, "49"),
  item("Mediador cultural", "Mês", 2000, "49"),
  item("Catálogo da exposição", "Unidade", 45, "49"),
  item("Ampliação fotográfica", "Unidade", 180, "4"),
  item("Impressão fine art", "Unidade", 350, "4"),
  item("Vitrine expositora", "Unidade", 2500, "59"),
  // Heritage.
  item("Restaurador", "Mês", 7000, "59"),
  item("Arquiteto", "Serviço", 15000, "5"),
  item("Engenheiro civil", "Serviço", 12000, "5"),
  item("Obra de restauro – material", "Verba", 60000, "5"),
  item("Andaimes", "Mês", 3500, "5"),
  item("Digitalização de acervo", "Página", 2.5, "59"),
  item("Higienização de documentos", "Caixa", 150, "59"),
  item("Pesquisador", "Mês", 4000, "569"),
  item("Antropólogo", "Mês", 5000, "5"),
  item("Oficineiro", "Hora", 90, "57"),
  // Humanities / books.
  item("Revisão de texto", "Lauda", 8, "6"),
  item("Diagramação", "Página", 25, "6"),
  item("Ilustrador", "Ilustração", 400, "6"),
  item("Impressão de livros", "Exemplar", 28, "6"),
  item("Direitos autorais", "Verba", 5000, "6"),
  item("Ficha catalográfica e ISBN", "Serviço", 150, "6"),
  item("Mesa de debate – convidado", "Cachê", 2500, "6"),
  item("Distribuição de livros a bibliotecas", "Frete", 3000, "6"),
  item("Acervo bibliográfico", "Exemplar", 60, "6"),
  // Integrated arts.
  item("Coordenador pedagógico", "Mês", 4000, "7"),
  item("Educador", "Mês", 2500, "7"),
  item("Material de oficina", "Kit", 85, "7"),
  item("Tenda 10x10", "Diária", 900, "7"),
  item("Gerador de energia", "Diária", 1800, "7"),
  item("Banheiro químico", "Diária", 160, "7"),
];

/** Cities: IBGE code, name, state. */
export const CITIES: ReadonlyArray<readonly [code: number, name: string, uf: string]> = [
  [3550308, "São Paulo", "SP"],
  [3304557, "Rio de Janeiro", "RJ"],
  [3106200, "Belo Horizonte", "MG"],
  [5300108, "Brasília", "DF"],
  [2927408, "Salvador", "BA"],
  [4314902, "Porto Alegre", "RS"],
  [2611606, "Recife", "PE"],
  [2304400, "Fortaleza", "CE"],
  [4106902, "Curitiba", "PR"],
  [1501402, "Belém", "PA"],
  [5208707, "Goiânia", "GO"],
  [4205407, "Florianópolis", "SC"],
  [1302603, "Manaus", "AM"],
  [2111300, "São Luís", "MA"],
  [2507507, "João Pessoa", "PB"],
  [2408102, "Natal", "RN"],
  [2704302, "Maceió", "AL"],
  [2800308, "Aracaju", "SE"],
  [2211001, "Teresina", "PI"],
  [3205309, "Vitória", "ES"],
  [5002704, "Campo Grande", "MS"],
  [5103403, "Cuiabá", "MT"],
  [1721000, "Palmas", "TO"],
  [3509502, "Campinas", "SP"],
  [3303302, "Niterói", "RJ"],
  [3146107, "Ouro Preto", "MG"],
  [3303807, "Paraty", "RJ"],
  [2609600, "Olinda", "PE"],
  [3548500, "Santos", "SP"],
  [3136702, "Juiz de Fora", "MG"],
  [4113700, "Londrina", "PR"],
  [3543402, "Ribeirão Preto", "SP"],
  [4209102, "Joinville", "SC"],
  [2910800, "Feira de Santana", "BA"],
  [1100205, "Porto Velho", "RO"],
  [1600303, "Macapá", "AP"],
];

/** Budget stages (cdEtapa → Etapa). */
export const STAGES: ReadonlyArray<readonly [code: number, name: string]> = [
  [1, "1 - Pré-Produção / Preparação"],
  [2, "2 - Produção / Execução"],
  [3, "3 - Divulgação / Comercialização"],
  [4, "4 - Custos Administrativos"],
  [5, "5 - Recolhimentos"],
  [8, "8 - Custos Vinculados"],
];

/** Products by area (idProduto → Produto); product 0 is the project's administration. */
export const PRODUCTS: ReadonlyArray<readonly [id: number, name: string, area: string]> = [
  [0, "Administração do Projeto", "*"],
  [1, "Espetáculo de Artes Cênicas", "1"],
  [2, "Festival/Mostra", "*"],
  [3, "Livro", "6"],
  [9, "Exposição de Artes", "4"],
  [17, "Apresentação Musical", "3"],
  [25, "Filme de Longa-metragem", "2"],
  [26, "Filme de Curta-metragem", "2"],
  [31, "CD", "3"],
  [40, "Restauração", "5"],
  [51, "Oficina / Workshop", "*"],
  [52, "Catálogo", "49"],
  [60, "Acervo Museológico", "9"],
  [63, "Seminário / Palestra", "67"],
  [71, "Programa de Rádio/TV", "2"],
];

/** Given names, with accents. */
export const FIRST_NAMES = [
  "João", "Maria", "José", "Ana", "Antônio", "Francisca", "Luís", "Conceição", "Sebastião", "Lúcia",
  "Márcio", "Fátima", "André", "Cecília", "Raí", "Inês", "Tomás", "Débora", "Ângela", "Cláudio",
  "Patrícia", "Vinícius", "Letícia", "Sérgio", "Mônica", "Joaquim", "Irene", "Caetano", "Glória", "Flávio",
];

/** Surnames, with accents. */
export const SURNAMES = [
  "Silva", "Souza", "Oliveira", "Santos", "Pereira", "Lima", "Carvalho", "Ferreira", "Rodrigues", "Almeida",
  "Gonçalves", "Araújo", "Ribeiro", "Simões", "Magalhães", "Assunção", "Brandão", "Falcão", "Guimarães", "Conceição",
  "D'Ávila", "Müller", "Nóbrega", "Sá", "Lopes", "Teixeira", "Azevêdo", "Queiroz", "Peçanha", "Valença",
];

/** Words for company names. */
export const COMPANY_WORDS = [
  "Produções", "Eventos", "Comunicação", "Cultural", "Artes", "Som e Luz", "Gráfica", "Locações", "Estúdio",
  "Filmes", "Editora", "Turismo", "Transportes", "Cenografia", "Iluminação", "Serviços",
];

/** Legal suffixes of company names. */
export const COMPANY_SUFFIXES = ["Ltda", "Ltda.", "ME", "EIRELI", "S.A.", "Ltda - ME", "& Cia Ltda"];

/** Themes for project names. */
export const PROJECT_THEMES = [
  "Festival", "Circulação", "Temporada", "Mostra", "Turnê", "Encontro", "Oficinas", "Plano Anual", "Exposição",
  "Concertos", "Edição", "Ciclo", "Caravana", "Projeto", "Semana",
];

/** Subjects for project names. */
export const PROJECT_SUBJECTS = [
  "de Música Sacra", "de Teatro de Rua", "da Canção Brasileira", "de Dança Contemporânea", "do Cinema Nordestino",
  "de Arte Popular", "do Choro", "de Literatura Infantil", "da Memória Ferroviária", "de Cultura Caiçara",
  "de Fotografia Urbana", "do Frevo", "de Ópera", "de Circo-Teatro", "das Bandas de Música", "de Arte Indígena",
  "do Patrimônio Imaterial", "de Quadrinhos", "de Viola Caipira", "da Música de Câmara",
];

/** Project situations (codes seen in Salic). */
export const SITUATIONS = ["E12", "E24", "E36", "E61", "A14", "C09", "D11", "E13", "G24", "K00"];

/** Brazilian states. */
export const UFS = [
  "SP", "RJ", "MG", "RS", "PR", "BA", "PE", "CE", "DF", "SC", "GO", "PA", "ES", "MA", "PB", "RN", "AM", "AL", "SE",
  "PI", "MT", "MS", "TO", "RO", "AC", "AP", "RR",
];
