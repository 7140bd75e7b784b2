import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { addStoreDays, formatDay, parseDayText, storeToday } from '../lib/store-clock';

interface DateInputProps {
  id?: string;
  /** YYYY-MM-DD, or '' when empty (optional fields). */
  value: string;
  onChange(value: string): void;
  'aria-label'?: string;
  /** Name used in the message when the text is not a date ("El vencimiento"). */
  label?: string;
  /** Empty is a valid value (an optional expiry). */
  optional?: boolean;
  onFocus?(): void;
  autoFocus?: boolean;
}

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const WEEKDAYS = ['lu', 'ma', 'mi', 'ju', 'vi', 'sá', 'do'];

/**
 * The app's own date field: typed as dd/mm/aaaa (also 22/11/26, 22-11-2026,
 * 22112026, 22/11) or picked from a month calendar (Alt+↓ or the button).
 * The browser's native date input follows the browser's language, so in a
 * browser set to English it reads mm/dd/yyyy; this one reads the Argentine way
 * everywhere. The value is always YYYY-MM-DD; what does not parse is said below
 * the field, and the last good value is kept.
 */
export function DateInput({ id, value, onChange, label = 'La fecha', optional = false, onFocus, autoFocus, ...aria }: DateInputProps) {
  const [text, setText] = useState(value ? formatDay(value) : '');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // A value set from outside (a default, a read invoice) replaces what is
  // shown, adjusted while rendering (React's way for state that follows a
  // prop): only a change of the value drives it, the text is the person's.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    const parsed = parseDayText(text, label);
    if (!(parsed.ok && parsed.value === value) && !(value === '' && text.trim() === '')) {
      setText(value ? formatDay(value) : '');
      setError(null);
    }
  }

  function typed(next: string) {
    setText(next);
    setError(null);
    if (next.trim() === '') {
      if (optional) onChange('');
      return;
    }
    const parsed = parseDayText(next, label);
    // A date with its four-digit year updates the value as it is typed; anything
    // shorter ("22/11/20" on the way to 2026) waits for Enter or blur.
    if (parsed.ok && /\d{4}$/.test(next.trim())) onChange(parsed.value);
  }

  function settle() {
    if (text.trim() === '') {
      if (optional) onChange('');
      else setError(`Falta ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
      return;
    }
    const parsed = parseDayText(text, label);
    if (parsed.ok) {
      setText(formatDay(parsed.value));
      if (parsed.value !== value) onChange(parsed.value);
    } else setError(parsed.message);
  }

  function pick(date: string) {
    setOpen(false);
    setText(formatDay(date));
    setError(null);
    onChange(date);
    input.current?.focus();
  }

  const errorId = id ? `${id}-date-error` : undefined;
  return (
    <div className="date-input">
      <div className="date-input-row">
        <input
          id={id}
          ref={input}
          {...aria}
          value={text}
          placeholder="dd/mm/aaaa"
          inputMode="numeric"
          autoComplete="off"
          autoFocus={autoFocus}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          onFocus={onFocus}
          onChange={(e) => typed(e.target.value)}
          onBlur={settle}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && e.altKey) {
              e.preventDefault();
              setOpen(true);
            } else if (e.key === 'Enter') settle();
          }}
        />
        <button type="button" className="button button-icon" aria-label={`Elegir ${label.replace(/^(La|El) /, '').toLowerCase()} en el calendario`} title="Calendario (Alt+↓)" onClick={() => setOpen((o) => !o)}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.4" />
          </svg>
        </button>
      </div>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      {open ? (
        <Calendar
          anchor={input}
          value={value || storeToday()}
          onPick={pick}
          onClose={() => {
            setOpen(false);
            input.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * A month grid: arrows move a day or a week, PageUp/PageDown a month, Enter
 * picks, Esc or a click elsewhere closes. Drawn on the page's top layer beside
 * its field, so a table cell or a scrolling panel never clips it.
 */
function Calendar({ anchor, value, onPick, onClose }: { anchor: RefObject<HTMLInputElement | null>; value: string; onPick(date: string): void; onClose(): void }) {
  const [cursor, setCursor] = useState(value);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = anchor.current?.getBoundingClientRect();
    if (!box) return;
    const width = 250;
    const height = 270;
    const below = box.bottom + 4 + height <= window.innerHeight;
    setPlace({ top: below ? box.bottom + 4 : Math.max(4, box.top - 4 - height), left: Math.min(box.left, window.innerWidth - width - 8) });
  }, [anchor]);
  // Focus once it is placed (hidden, it could not take it).
  useEffect(() => {
    if (place) grid.current?.focus();
  }, [place]);
  useEffect(() => {
    const outside = (e: MouseEvent) => {
      const target = e.target as Node;
      // The field's own row (its button toggles) is not "elsewhere".
      if (grid.current?.contains(target) || anchor.current?.parentElement?.contains(target)) return;
      onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [anchor, onClose]);
  const today = storeToday();
  const year = Number(cursor.slice(0, 4));
  const month = Number(cursor.slice(5, 7));
  const first = `${cursor.slice(0, 7)}-01`;
  // Monday-first weeks, as Argentine calendars print them.
  const lead = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => addStoreDays(first, i))];
  const moveMonth = (delta: number) => {
    const target = new Date(Date.UTC(year, month - 1 + delta, 1));
    const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    const day = Math.min(Number(cursor.slice(8, 10)), last);
    setCursor(`${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  };
  return createPortal(
    <div
      className="calendar"
      role="dialog"
      aria-label="Calendario"
      tabIndex={-1}
      ref={grid}
      style={place ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
      onKeyDown={(e) => {
        const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
        if (e.key in moves) setCursor(addStoreDays(cursor, moves[e.key]!));
        else if (e.key === 'PageUp') moveMonth(-1);
        else if (e.key === 'PageDown') moveMonth(1);
        else if (e.key === 'Enter') onPick(cursor);
        else if (e.key === 'Escape') onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      <div className="calendar-head">
        <button type="button" className="button button-icon" aria-label="Mes anterior" onClick={() => moveMonth(-1)}>
          ‹
        </button>
        <strong aria-live="polite">
          {MONTHS[month - 1]} {year}
        </strong>
        <button type="button" className="button button-icon" aria-label="Mes siguiente" onClick={() => moveMonth(1)}>
          ›
        </button>
      </div>
      <div className="calendar-grid" role="grid">
        {WEEKDAYS.map((w) => (
          <span key={w} className="calendar-weekday">
            {w}
          </span>
        ))}
        {cells.map((date, i) =>
          date ? (
            <button
              key={date}
              type="button"
              tabIndex={-1}
              className={`calendar-day${date === cursor ? ' calendar-cursor' : ''}${date === today ? ' calendar-today' : ''}`}
              aria-label={formatDay(date)}
              aria-selected={date === cursor}
              onClick={() => onPick(date)}
            >
              {Number(date.slice(8, 10))}
            </button>
          ) : (
            <span key={`lead-${i}`} />
          ),
        )}
      </div>
    </div>,
    document.body,
  );
}
