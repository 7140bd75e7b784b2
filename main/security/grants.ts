import { randomBytes } from 'node:crypto';
import type { OverrideAction } from '../../contract';

interface Grant {
  by: string;
  action: OverrideAction;
  sessionId: string;
  expiresAt: number;
}

/**
 * Selling without stock is authorized at F10, for the ticket being charged; a
 * price or a discount while the ticket is still being rung up, so it must last
 * until the customer pays.
 */
const LIFETIME_MS: Record<OverrideAction, number> = { 'vender-sin-stock': 5 * 60_000, devolucion: 5 * 60_000, precio: 30 * 60_000 };

/**
 * One-time permissions an encargado or dueño gives at the counter with their
 * PIN (auth.authorize): sell this without stock, change this price, make this
 * refund. Kept in memory only: a grant is good for one call of the session it
 * was given to, within its lifetime, and is gone once that call has committed
 * (or the app restarts).
 */
export class Grants {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly now: () => number) {}

  give(action: OverrideAction, by: string, sessionId: string): { grant: string; expiresAt: string } {
    this.sweep();
    const grant = randomBytes(18).toString('base64url');
    const expiresAt = this.now() + LIFETIME_MS[action];
    this.grants.set(grant, { by, action, sessionId, expiresAt });
    return { grant, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Who authorized `action` for this session with `grant`, without using it up:
   * a call checks every grant it carries first and spends them once it has
   * committed, so a ticket refused for another reason keeps its authorizations.
   */
  private check(grant: string | undefined, action: OverrideAction, sessionId: string): string | null {
    if (!grant) return null;
    const found = this.grants.get(grant);
    if (!found || found.action !== action || found.sessionId !== sessionId || found.expiresAt < this.now()) return null;
    return found.by;
  }

  /**
   * One call's use of grants: `check` answers who authorized and remembers the
   * grants that held; `spend` uses them up once the call has committed.
   */
  forCall(sessionId: string): { check(grant: string | undefined, action: OverrideAction): string | null; spend(): void } {
    const held: string[] = [];
    return {
      check: (grant, action) => {
        const by = this.check(grant, action, sessionId);
        if (by) held.push(grant!);
        return by;
      },
      spend: () => {
        for (const grant of held) this.grants.delete(grant);
      },
    };
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, g] of this.grants) if (g.expiresAt < now) this.grants.delete(key);
  }
}
