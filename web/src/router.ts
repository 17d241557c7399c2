import { computed, ref } from "vue";

/**
 * A two-page router over the History API: the list (`/`, its state in the
 * query string so Back restores it) and a project (`/projetos/{pronac}`).
 */
export type Route =
  | { name: "list"; query: URLSearchParams }
  | { name: "project"; pronac: string }
  | { name: "not-found"; path: string };

const location = ref(window.location.pathname + window.location.search);

window.addEventListener("popstate", () => {
  location.value = window.location.pathname + window.location.search;
});

/** The current route, reactive. */
export const route = computed<Route>(() => {
  const url = new URL(location.value, window.location.origin);
  if (url.pathname === "/") return { name: "list", query: url.searchParams };
  const project = /^\/projetos\/([^/]+)\/?$/.exec(url.pathname);
  if (project !== null) return { name: "project", pronac: decodeURIComponent(project[1]!) };
  return { name: "not-found", path: url.pathname };
});

/** Goes to a path of the page (pushes a history entry; `replace` overwrites the current one). */
export function navigate(to: string, replace = false): void {
  if (to === location.value) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  location.value = to;
  if (!replace) window.scrollTo(0, 0);
}

/** The page path of a project. */
export function projectPath(pronac: string): string {
  return `/projetos/${encodeURIComponent(pronac)}`;
}
