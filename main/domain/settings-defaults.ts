import type { Settings } from '../../contract';
import { DEFAULT_SCALE_LAYOUT } from './scale-label';

export const DEFAULT_TIME_ZONE = 'America/Argentina/Buenos_Aires';

/**
 * A new store's settings. The settings service starts from them; the audit
 * cross-check replays every settings entry over them to know what the stored
 * settings must be.
 */
export const DEFAULT_SETTINGS: Settings = {
  storeName: 'Mi almacén',
  storeCuit: null,
  storeAddress: null,
  ivaCondition: null,
  iibb: null,
  activityStart: null,
  allowNegativeStock: false,
  scaleLayout: DEFAULT_SCALE_LAYOUT,
  timeZone: DEFAULT_TIME_ZONE,
  idleLockMinutes: 10,
  cashiersCanReceive: false,
  returnPinAbove: 2_000_000,
};
