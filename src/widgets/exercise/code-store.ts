/**
 * The learner's code per exercise, kept in this browser (localStorage): what is in the editor, and the
 * code Reset or "copy the solution" replaced, so that "Restore my code" can bring it back. Nothing the
 * widget does deletes the learner's own code. Pure over a Storage-like object (code-store.test.ts).
 */
type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export const codeKey = (exercise: string) => `realtime-lab:exercise-code:v1:${exercise}`;

export interface StoredCode {
  /** What the editor holds. */
  code: string;
  /** The learner's code before the last Reset (or copy of the solution), if any. */
  backup: string | null;
}

export function loadCode(storage: StorageLike | undefined, exercise: string, starter: string): StoredCode {
  try {
    const raw = storage?.getItem(codeKey(exercise));
    if (raw) {
      const v = JSON.parse(raw) as Partial<StoredCode>;
      if (typeof v.code === 'string') return { code: v.code, backup: typeof v.backup === 'string' ? v.backup : null };
    }
  } catch {
    // Unreadable: start from the starter, and the next save overwrites it.
  }
  return { code: starter, backup: null };
}

export function saveCode(storage: StorageLike | undefined, exercise: string, value: StoredCode): void {
  try {
    storage?.setItem(codeKey(exercise), JSON.stringify(value));
  } catch {
    // Full or refused storage: the editor keeps the code for this visit.
  }
}

/**
 * Replaces the editor's code with `next` (the starter, or the solution), keeping the learner's own as
 * the backup. When the editor holds something the learner did not write (the starter or the solution
 * untouched), the backup already there stays: a second Reset must not overwrite their code with the starter.
 */
export function replaceKeeping(value: StoredCode, next: string, untouched: readonly string[]): StoredCode {
  const mine = untouched.includes(value.code) ? value.backup : value.code;
  return { code: next, backup: mine };
}

/** "Restore my code": the backup back in the editor; what the editor held becomes the backup. */
export function restore(value: StoredCode): StoredCode {
  return value.backup === null ? value : { code: value.backup, backup: value.code };
}
