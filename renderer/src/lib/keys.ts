import { useEffect, useRef } from 'react';

/**
 * Page-level shortcuts (F2 buscar, F3 nuevo, …), the way Argentine POS software
 * uses function keys. The handler map may change every render; the listener is
 * attached once.
 */
export function useHotkeys(map: Record<string, (event: KeyboardEvent) => void>, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      // Ctrl combinations are named "Control+o"; plain keys by their key ("F2").
      const handler = ref.current[event.ctrlKey ? `Control+${event.key.toLowerCase()}` : event.key];
      if (handler) {
        event.preventDefault();
        handler(event);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

let audio: AudioContext | null = null;

/** A short low beep for an unknown code: the cashier hears it without looking. */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 220;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.18);
  } catch {
    // No audio device: the red flash still shows.
  }
}

/** What a barcode scanner types: 8, 12 or 13 digits. */
export function looksLikeBarcode(text: string): boolean {
  return /^(\d{8}|\d{12}|\d{13})$/.test(text.trim());
}
