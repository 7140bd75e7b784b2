import { useEffect, useState } from 'react';
import type { Supplier } from '../../../contract';
import { api } from '../api/client';

interface SupplierSelectProps {
  id?: string;
  value: string;
  onChange(cuit: string): void;
  /** The first option, for "none" ("Elegí…", "Sin proveedor", "Todos los proveedores"). */
  emptyLabel: string;
  disabled?: boolean;
  'aria-label'?: string;
}

/** Active suppliers by name; the value is the CUIT. */
export function SupplierSelect({ id, value, onChange, emptyLabel, disabled, 'aria-label': ariaLabel }: SupplierSelectProps) {
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  useEffect(() => {
    void api.call('suppliers.list', {}).then((r) => r.ok && setSuppliers(r.data));
  }, []);
  return (
    <select id={id} aria-label={ariaLabel} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {suppliers.map((s) => (
        <option key={s.id} value={s.cuit}>
          {s.name}
        </option>
      ))}
    </select>
  );
}
