/** "1 event", "2 events": every count a widget writes in words goes through here, so none says "1 events". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
