/**
 * A spot whose text changes (a state word, a button label, an explanation) that keeps one size: the
 * text shown, with every text the spot may show laid under it in the same grid cell, hidden from sight
 * and from screen readers. The spot is as wide and as tall as the largest of them at every width, in
 * the server-rendered HTML already, so a change of text never moves what is around it.
 *
 * The shown text is a node of its own whose content changes (not a hidden copy made visible), so a live
 * region around it announces the change.
 */
import type { ComponentChildren } from 'preact';

interface Props {
  /** What is shown now (may be empty). */
  children?: ComponentChildren;
  /** Every text the spot may show; the spot keeps room for the largest. */
  room: readonly ComponentChildren[];
  /** A block (a paragraph's worth of text) instead of an inline word. */
  block?: boolean;
  class?: string;
  /** For a live region: set on the spot itself, around the shown text. */
  'aria-live'?: 'polite' | 'assertive';
  role?: 'status';
}

export default function Reserve({ children, room, block = false, class: className, ...aria }: Props) {
  const Tag = block ? 'div' : 'span';
  return (
    <Tag class={`w-reserve${block ? ' w-reserve-block' : ''}${className ? ` ${className}` : ''}`} {...aria}>
      <Tag class="w-reserve-shown">{children}</Tag>
      {room.map((text, i) => (
        <Tag key={i} class="w-reserve-room" aria-hidden="true">
          {text}
        </Tag>
      ))}
    </Tag>
  );
}
