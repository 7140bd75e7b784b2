import { AdjustmentService } from './adjustments';
import { AuditService } from './audit';
import { CpiService } from './cpi';
import { PriceListService } from './price-lists';
import type { Core } from '../write';
import { CountService } from './counts';
import { ProductService } from './products';
import { PurchaseOrderService } from './purchase-orders';
import { ReceiptService } from './receipts';
import { SaleService } from './sales';
import { SaleDraftService } from './sale-drafts';
import { Grants } from '../security/grants';
import { Credentials, type AuthOptions } from './credentials';
import { SessionService } from './sessions';
import { UserService } from './users';
import { SettingsService } from './settings';
import { StockQueries } from './stock';
import { SupplierService } from './suppliers';
import { SystemService } from './system';
import { BackupService } from './backups';
import { InvoiceService } from './invoices';
import { InvoiceReaderThread } from '../invoices/thread';
import { ForecastService } from './forecasts';
import { ForensicService } from './forensics';
import { PurchaseSuggestions } from './purchase-suggestions';


export interface Services {
  settings: SettingsService;
  products: ProductService;
  suppliers: SupplierService;
  receipts: ReceiptService;
  purchaseOrders: PurchaseOrderService;
  sales: SaleService;
  adjustments: AdjustmentService;
  counts: CountService;
  stock: StockQueries;
  system: SystemService;
  backups: BackupService;
  users: UserService;
  sessions: SessionService;
  drafts: SaleDraftService;
  invoices: InvoiceService;
  forecasts: ForecastService;
  forensics: ForensicService;
  purchaseSuggestions: PurchaseSuggestions;
  audit: AuditService;
  priceLists: PriceListService;
  cpi: CpiService;
  /** Ends background threads (the invoice reader, a model training) and the weekly schedule. */
  close(): void;
}

export function createServices(core: Core, authOptions: AuthOptions = {}): Services {
  const settings = new SettingsService(core);
  const backups = new BackupService(core, settings);
  // Counter overrides: given by auth.authorize, spent by the sale they authorize.
  const grants = new Grants(() => core.clock.now().getTime());
  const drafts = new SaleDraftService(core, settings);
  const credentials = new Credentials(core, authOptions);
  const users = new UserService(core, credentials);
  const products = new ProductService(core);
  const stock = new StockQueries(core, settings);
  const purchaseOrders = new PurchaseOrderService(core, settings);
  const receipts = new ReceiptService(core, settings, purchaseOrders);
  // Started on the first invoice read: most sessions never read one.
  let reader: InvoiceReaderThread | null = null;
  const forecasts = new ForecastService(core, settings);
  const forensics = new ForensicService(core, settings);
  return {
    forecasts,
    forensics,
    purchaseSuggestions: new PurchaseSuggestions(core, forecasts),
    purchaseOrders,
    settings,
    products,
    suppliers: new SupplierService(core),
    receipts,
    invoices: new InvoiceService(
      core,
      settings,
      receipts,
      () => (reader ??= new InvoiceReaderThread()),
      () => {
        void reader?.close();
        reader = null;
      },
    ),
    close() {
      void reader?.close();
      reader = null;
      forecasts.close();
      forensics.close();
    },
    sales: new SaleService(core, settings, grants, drafts),
    drafts,
    adjustments: new AdjustmentService(core, stock),
    counts: new CountService(core, settings),
    stock,
    system: new SystemService(core, () => products.count(), () => backups.latest()),
    backups,
    audit: new AuditService(core),
    priceLists: new PriceListService(core),
    cpi: new CpiService(core),
    users,
    sessions: new SessionService(core, settings, users, credentials, grants),
  };
}
