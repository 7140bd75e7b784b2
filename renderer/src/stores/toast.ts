import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'ok' | 'error';
}

interface ToastState {
  toasts: Toast[];
  show(text: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Short, quiet confirmations ("Producto guardado"); errors stay beside their fields. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(text, tone = 'ok') {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, text, tone }] });
    setTimeout(() => get().dismiss(id), tone === 'ok' ? 2500 : 6000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
