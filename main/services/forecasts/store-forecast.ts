import type { ChoiceName, ItemHistory } from '../../forecast';
import type { StorePanel } from '../demand-data';
import type { ActiveModel } from './models';

/** What the store needs before it trains its own model: the backtest's origins plus 120 days before them. */
export const MIN_HISTORY_DAYS = 240;
export const HORIZON = 28;

/** Every active product's daily forecast from today, with its method and dispersion. */
export interface StoreForecast {
  key: string;
  store: StorePanel;
  histories: ItemHistory[];
  /** Day index of today in the panel (= panel.days). */
  origin: number;
  today: string;
  /** Product id → index. */
  index: Map<string, number>;
  means: Float64Array[];
  choices: ChoiceName[];
  alpha: number;
  model: ActiveModel;
}

export const CHOICE_LABELS: Record<ChoiceName, string> = {
  model: 'modelo de pronóstico',
  tsb: 'demanda intermitente que se apaga (TSB)',
  croston_sba: 'demanda intermitente (Croston)',
  adida: 'suma semanal suavizada (ADIDA)',
  category: 'perfil de su categoría',
};

export function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Why a product is forecast the way it is, in the owner's words. */
export function explainChoice(choice: ChoiceName, errors: Partial<Record<ChoiceName, number>>, source: 'default' | 'store', h: ItemHistory, origin: number, defaultReason: string): string {
  if (choice === 'category') return 'Tiene menos de una semana de ventas: se pronostica con el nivel típico de los productos de su categoría.';
  const list = Object.entries(errors)
    .sort(([, a], [, b]) => a! - b!)
    .map(([k, v]) => `${CHOICE_LABELS[k as ChoiceName]}: ${v!.toFixed(2).replace('.', ',')}`)
    .join('; ');
  if (source === 'default' && Object.keys(errors).length === 0) {
    return `Se usa el modelo de base que trae Góndola: ${defaultReason} (este producto tiene ${Math.max(0, origin - h.first)} días de ventas).`;
  }
  if (choice === 'model' && Object.keys(errors).length <= 1) {
    return `Se vende casi todos los días: el modelo sigue su día de la semana, los días de cobro, los feriados y su precio${list ? ` (error cuadrático diario en el backtest de la tienda: ${list})` : ''}.`;
  }
  if (choice === 'model') return `Vende de a ratos, así que en el backtest de la tienda se lo comparó con los métodos para demanda intermitente y el modelo tuvo el menor error cuadrático diario (${list}).`;
  return `Vende de a ratos y en el backtest de la tienda este método le ganó al modelo por más de 5 % (${list}).`;
}
