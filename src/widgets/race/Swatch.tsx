/** A short line drawn the way the chart draws a technique: its colour and dashes (protocol/techniques.ts). */
export default function Swatch({ color, dash }: { color: string; dash: readonly number[] }) {
  return (
    <svg class="w-race-swatch" width="28" height="10" aria-hidden="true">
      <line x1="0" y1="5" x2="28" y2="5" stroke={color} stroke-width="2.5" stroke-dasharray={dash.join(' ')} />
    </svg>
  );
}
