import { computed, ref } from "vue";

/**
 * The analyst's session: the token printed by `salic-ml analysts add`, kept
 * in sessionStorage (gone with the tab, never in the URL), and the name the
 * server answered with on the last write (the API has no "who am I": the
 * name is learned from the first take or feedback, and shown from then on).
 */
const TOKEN_KEY = "salic-ml.token";
const NAME_KEY = "salic-ml.analista";

const token = ref(sessionStorage.getItem(TOKEN_KEY) ?? "");
const name = ref(sessionStorage.getItem(NAME_KEY) ?? "");

export const session = {
  token: computed(() => token.value),
  name: computed(() => name.value),
  signedIn: computed(() => token.value !== ""),
};

/** Keeps a pasted token (trimmed) for this tab; the name is unknown until the server names the analyst. */
export function signIn(pasted: string): void {
  token.value = pasted.trim();
  name.value = "";
  sessionStorage.setItem(TOKEN_KEY, token.value);
  sessionStorage.removeItem(NAME_KEY);
}

/** Forgets the token and the name. */
export function signOut(): void {
  token.value = "";
  name.value = "";
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(NAME_KEY);
}

/** Remembers who the server says the token belongs to. */
export function learnName(analista: string): void {
  name.value = analista;
  sessionStorage.setItem(NAME_KEY, analista);
}
