import { create } from 'zustand';
import type { AppErrorPayload, CategoryList, Product } from '../../../contract';
import { api } from '../api/client';

export const PAGE_SIZE = 50;

interface ProductsState {
  query: string;
  category: string;
  offset: number;
  items: Product[];
  total: number;
  loading: boolean;
  error: AppErrorPayload | null;
  /** Index in `items` of the highlighted row (keyboard navigation). */
  selected: number;
  categories: CategoryList;
  setQuery(query: string): void;
  setCategory(category: string): void;
  page(delta: number): void;
  select(index: number): void;
  load(): Promise<void>;
  loadCategories(): Promise<void>;
}

// Answers can arrive out of order while someone types; only the latest request counts.
let requestSeq = 0;

/** The Products page's view of the catalog: a query and the page it returned. The core stays the source of truth. */
export const useProducts = create<ProductsState>((set, get) => ({
  query: '',
  category: '',
  offset: 0,
  items: [],
  total: 0,
  loading: false,
  error: null,
  selected: 0,
  categories: [],
  setQuery(query) {
    set({ query, offset: 0, selected: 0 });
    void get().load();
  },
  setCategory(category) {
    set({ category, offset: 0, selected: 0 });
    void get().load();
  },
  page(delta) {
    const { offset, total } = get();
    const next = Math.min(Math.max(0, offset + delta * PAGE_SIZE), Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE));
    if (next !== offset) {
      set({ offset: next, selected: 0 });
      void get().load();
    }
  },
  select(index) {
    const { items } = get();
    set({ selected: Math.min(Math.max(0, index), Math.max(0, items.length - 1)) });
  },
  async load() {
    const seq = ++requestSeq;
    const { query, category, offset } = get();
    set({ loading: true });
    const result = await api.call('products.list', {
      ...(query.trim() ? { query: query.trim() } : {}),
      ...(category ? { category } : {}),
      limit: PAGE_SIZE,
      offset,
    });
    if (seq !== requestSeq) return;
    if (result.ok) {
      set({
        items: result.data.items,
        total: result.data.total,
        loading: false,
        error: null,
        selected: Math.min(get().selected, Math.max(0, result.data.items.length - 1)),
      });
    } else {
      set({ loading: false, error: result.error });
    }
  },
  async loadCategories() {
    const result = await api.call('categories.list', {});
    if (result.ok) set({ categories: result.data });
  },
}));
