/** "1 event", "2 events": every English count a widget writes in words goes through here, so none says "1 events". */
export { plural } from '../../i18n/en/widgets.ts';
