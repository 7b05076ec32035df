/**
 * A chat room's shareable link is the page's URL with `#room=<id>` (src/widgets/two-way). That
 * fragment names no element, so the browser would open the page at its top, far above the chat (on a
 * phone, some 20 000 px). This takes the reader to the chat instead.
 */
export function followRoomLink(): void {
  if (!/^#room=/.test(location.hash)) return;
  const chat = document.querySelector<HTMLElement>('[data-demo="two-way"]');
  if (!chat) return;
  // The box the chat's wrapper reserves is final before it hydrates, so the scroll lands where it stays.
  chat.scrollIntoView({ block: 'start' });
}
