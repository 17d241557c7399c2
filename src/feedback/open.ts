import { join, resolve } from "node:path";
import { packageRoot } from "../util/paths.js";
import { openDatabaseRunner, openEmbeddedRunner } from "./sql.js";
import { FeedbackStore } from "./store.js";

/** Where the analysts' store is: a PostgreSQL URL, or the folder of the embedded one. */
export interface FeedbackLocation {
  db?: string;
  dir?: string;
}

/**
 * The embedded store's default folder: `.salic-ml/feedback` of the checkout
 * (git-ignored), or of the working folder when installed as a package.
 */
export function defaultFeedbackDir(root: string = packageRoot()): string {
  return root.split(/[\\/]/).includes("node_modules") ? resolve(".salic-ml", "feedback") : join(root, ".salic-ml", "feedback");
}

/** Opens the store: schema salic_ml of `db` when given, else the embedded one in `dir` (or the default folder). */
export async function openFeedbackStore(location: FeedbackLocation, now?: () => Date): Promise<FeedbackStore> {
  const runner = location.db !== undefined ? await openDatabaseRunner(location.db) : await openEmbeddedRunner(location.dir ?? defaultFeedbackDir());
  try {
    return await FeedbackStore.open(runner, now);
  } catch (error) {
    await runner.close().catch(() => {});
    throw error;
  }
}
