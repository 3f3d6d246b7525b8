/**
 * Labelled value controls: a range slider (linear, or logarithmic with an exact 0 at its left
 * end) paired with a number field for exact entry. Both are native inputs, so they work with
 * the keyboard (arrows, Page Up/Down, Home/End) and with screen readers.
 */
import { formatNumber, h, nextId } from './dom.ts';

const STEPS = 1000;

export interface SliderScale {
  toPos(value: number): number;
  toValue(pos: number): number;
}

/** Logarithmic from lo to hi (lo > 0); with `zero`, position 0 is exactly 0. */
export function logScale(lo: number, hi: number, zero: boolean): SliderScale {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const first = zero ? 1 : 0;
  const span = STEPS - first;
  return {
    toPos(v) {
      if (zero && v <= 0) return 0;
      if (!(v > 0)) return first;
      const p = first + ((Math.log10(v) - a) / (b - a)) * span;
      return Math.min(STEPS, Math.max(first, Math.round(p)));
    },
    toValue(pos) {
      if (zero && pos <= 0) return 0;
      const x = a + ((pos - first) / span) * (b - a);
      // Round to 4 significant digits so slider values read (and save) cleanly.
      return Number(Math.pow(10, x).toPrecision(4));
    },
  };
}

export function linScale(lo: number, hi: number): SliderScale {
  return {
    toPos: (v) => Math.min(STEPS, Math.max(0, Math.round(((v - lo) / (hi - lo)) * STEPS))),
    toValue: (pos) => Number((lo + (pos / STEPS) * (hi - lo)).toPrecision(4)),
  };
}

/** A slider range around a typical value: two decades down, two up (and 0 for inputs). */
export function scaleFor(value: number, kind: 'input' | 'parameter' | 'multiplier'): SliderScale {
  if (kind === 'multiplier') return linScale(0, 5);
  if (kind === 'input') {
    const v = value > 0 ? value : 1;
    return logScale(v / 1000, v * 100, true);
  }
  if (value > 0) return logScale(value / 100, value * 100, false);
  return linScale(0, 1);
}

export interface ValueControl {
  element: HTMLElement;
  set(value: number): void;
  slider: HTMLInputElement;
  number: HTMLInputElement;
}

/**
 * `onChange(value, final)`: `final` is false while a slider is being dragged and true on
 * release or on a typed value.
 */
export function valueControl(opts: {
  label: string;
  value: number;
  scale: SliderScale;
  unit?: string;
  min?: number;
  onChange: (value: number, final: boolean) => void;
}): ValueControl {
  const id = nextId('v');
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: STEPS,
    step: 1,
    id: `${id}-range`,
    'aria-label': `${opts.label} slider${opts.unit ? ` (${opts.unit})` : ''}`,
  });
  const number = h('input', {
    type: 'number',
    id: `${id}-num`,
    step: 'any',
    min: opts.min ?? 0,
    'aria-label': `${opts.label} value${opts.unit ? ` in ${opts.unit}` : ''}`,
  });
  const set = (v: number) => {
    slider.value = String(opts.scale.toPos(v));
    slider.setAttribute('aria-valuetext', `${formatNumber(v)}${opts.unit ? ` ${opts.unit}` : ''}`);
    number.value = String(v);
  };
  set(opts.value);
  slider.addEventListener('input', () => {
    const v = opts.scale.toValue(Number(slider.value));
    number.value = String(v);
    slider.setAttribute('aria-valuetext', `${formatNumber(v)}${opts.unit ? ` ${opts.unit}` : ''}`);
    opts.onChange(v, false);
  });
  slider.addEventListener('change', () => opts.onChange(opts.scale.toValue(Number(slider.value)), true));
  number.addEventListener('change', () => {
    const v = Number(number.value);
    if (number.value.trim() === '' || !Number.isFinite(v) || v < (opts.min ?? 0)) {
      number.setCustomValidity(`enter a number ≥ ${opts.min ?? 0}`);
      number.reportValidity();
      return;
    }
    number.setCustomValidity('');
    slider.value = String(opts.scale.toPos(v));
    opts.onChange(v, true);
  });
  const element = h('div', { class: 'slider-row' }, slider, number);
  return { element, set, slider, number };
}

/** Calls `fn` at most once per `ms`, with the latest arguments (trailing edge). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
