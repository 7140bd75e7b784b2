import type { ForensicFinding } from '../../../../contract';

/** A finding's phase and severity as the owner reads them (Forense's list, filters and detail). */
export const PHASE_LABEL: Record<ForensicFinding['phase'], string> = { validacion: 'Validación', consistencia: 'Consistencia', patrones: 'Patrones', desempeno: 'Desempeño' };
export const SEVERITY_LABEL: Record<ForensicFinding['severity'], string> = { alta: 'Alta', media: 'Media', baja: 'Baja' };
