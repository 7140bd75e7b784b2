import { create } from 'zustand';
import type { AuthStatus, MethodName } from '../../../contract';
import { api, whenSessionLost } from '../api/client';
import { setStoreZone } from '../lib/store-clock';

interface SessionState {
  /** null until the first answer from the core. */
  status: AuthStatus | null;
  refresh(): Promise<void>;
  /** Replaces the status with what an auth.* call answered. */
  set(status: AuthStatus): void;
  /** Whether this session may call `method` (the matrix in contract/permissions.ts, as main applies it). */
  can(method: MethodName): boolean;
  /** The login screen opens on the cashier PIN (after "Cambiar de cajero"). */
  pinFirst: boolean;
  setPinFirst(value: boolean): void;
}

/**
 * Who is using this window, as main sees it. The renderer never decides on its
 * own what a role may do: it reads `allowed` and `seesCosts` from auth.status
 * and hides what would be refused anyway.
 */
export const useSession = create<SessionState>((set, get) => ({
  status: null,
  pinFirst: false,
  setPinFirst(value) {
    set({ pinFirst: value });
  },
  async refresh() {
    const result = await api.call('auth.status', {});
    if (result.ok) {
      setStoreZone(result.data.timeZone);
      set({ status: result.data });
    }
  },
  set(status) {
    setStoreZone(status.timeZone);
    set({ status });
  },
  can(method) {
    return get().status?.allowed.includes(method) ?? false;
  },
}));

whenSessionLost(() => void useSession.getState().refresh());

/** Whether costs, margins and stock value may be shown. */
export function useSeesCosts(): boolean {
  return useSession((s) => s.status?.seesCosts ?? false);
}
