import { useState, type ReactNode } from 'react';
import { pickFolder } from './folder-choice.ts';
import { FolderPathDialog } from './FolderPathDialog.tsx';

/** `pick(title, hint)` → a folder (dialog in the desktop app, typed path in the browser); render `dialog`. */
export function useFolderPicker(): { pick: (title: string, hint: string) => Promise<string | null>; dialog: ReactNode } {
  const [asking, setAsking] = useState<{ title: string; hint: string; resolve: (p: string | null) => void } | null>(null);
  const pick = (title: string, hint: string) =>
    pickFolder(
      title,
      () =>
        new Promise<string | null>((resolve) => {
          setAsking({ title, hint, resolve });
        }),
    );
  const dialog = asking ? (
    <FolderPathDialog
      title={asking.title}
      hint={asking.hint}
      onDone={(p) => {
        asking.resolve(p);
        setAsking(null);
      }}
    />
  ) : null;
  return { pick, dialog };
}
