import { ApiError } from "./api";

/** What the page says when a write fails: the server's own message for refusals (401, 403, 409, bad input). */
export function writeError(error: unknown): string {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    const prefix = error.status === 401 ? "Token não aceito: " : error.status === 403 ? "Acesso negado: " : "";
    return `${prefix}${error.message}`;
  }
  return "Não foi possível falar com o serviço agora.";
}
