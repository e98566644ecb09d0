import { chooseFolder } from '../api/platform.ts';

/**
 * A folder for a backup action: the desktop app's folder dialog; in the browser host (no dialog) the
 * caller asks for the path in a text box instead (`typed`). Resolves null when cancelled.
 */
export async function pickFolder(title: string, typed: () => Promise<string | null>): Promise<string | null> {
  const chosen = await chooseFolder(title);
  if (chosen !== undefined) return chosen;
  const path = await typed();
  return path && path.trim() !== '' ? path.trim() : null;
}
