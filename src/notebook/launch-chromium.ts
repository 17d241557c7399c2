import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, installed by scripts/setup.sh; SALIC_ML_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env["SALIC_ML_CHROMIUM"] ?? "/usr/bin/chromium";

/**
 * Flags that let headless Chromium run here: as root (no sandbox), without a
 * GPU, and without the background connections a closed network refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches the project's headless Chromium (figures, browser tests) with `extraArgs` after the common flags. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
  } catch (error) {
    throw new Error(
      `could not start Chromium at ${CHROMIUM_PATH} (run scripts/setup.sh, or set SALIC_ML_CHROMIUM): ${(error as Error).message}`,
    );
  }
}
