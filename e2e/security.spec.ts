import type { Page } from '@playwright/test';
import { CASHIER, OWNER, expect, test } from './fixtures';

const shots = 'test-results/screens';

/** Types a login and waits until the core has answered it (failures are answered slowly on purpose). */
async function login(page: Page, user: string, password: string): Promise<void> {
  await page.getByLabel('Usuario', { exact: true }).fill(user);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Verificando…' })).toHaveCount(0, { timeout: 10_000 });
}

test('the first run asks for the owner account, with no default password', async ({ page, firstRunStore }) => {
  await page.goto(firstRunStore.url);
  await expect(page.getByRole('heading', { name: 'Bienvenido: creá la cuenta del dueño' })).toBeVisible();
  await page.screenshot({ path: `${shots}/setup.png` });
  await page.getByRole('textbox', { name: 'Tu nombre de usuario' }).fill('Marta');
  await page.locator('#setup-password').fill('corta');
  await page.locator('#setup-repeat').fill('corta');
  await page.keyboard.press('Enter');
  await expect(page.getByText('La contraseña tiene que tener al menos 8 caracteres')).toBeVisible();
  // A message goes once its field changes, not at the next try.
  await page.locator('#setup-password').fill('una-clave-larga');
  await expect(page.getByText('La contraseña tiene que tener al menos 8 caracteres')).toHaveCount(0);
  await page.locator('#setup-repeat').fill('otra-clave');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Las contraseñas no coinciden')).toBeVisible();
  await page.locator('#setup-repeat').fill('una-clave-larga');
  await expect(page.getByText('Las contraseñas no coinciden')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toContainText('Marta');
  await expect(page.getByRole('link', { name: /Usuarios/ })).toBeVisible();
});

test('a cashier cannot reach costs, in the screens or by calling the methods; the owner can', async ({ page, lockedStore }) => {
  await page.goto(lockedStore.url);
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  await page.screenshot({ path: `${shots}/login.png` });
  await login(page, CASHIER.name, CASHIER.password);
  await expect(page.getByTestId('current-user')).toContainText('Beto');
  const nav = page.getByRole('navigation', { name: 'Secciones' });
  await expect(nav.getByRole('link', { name: /Ventas/ })).toBeVisible();
  for (const hidden of ['Stock', 'Usuarios', 'Importar', 'Proveedores', 'Forense', 'Pronóstico']) await expect(nav.getByRole('link', { name: new RegExp(hidden) })).toHaveCount(0);
  // A cashier's Inicio is their own shift: never the store's revenue or stock value.
  await expect(page.getByText(/Tu turno de hoy/)).toBeVisible();
  await expect(page.getByText('Tus tickets de hoy')).toBeVisible();
  await expect(page.getByText('Ventas de hoy')).toHaveCount(0);
  await expect(page.getByText('Valor del stock')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/home-cajero.png` });
  // No hint for what the role cannot do: a cashier's Productos does not say "Enter editar".
  await page.goto(`${lockedStore.url}#/productos`);
  await expect(page.getByText(/moverse/)).toBeVisible();
  await expect(page.getByText(/moverse/)).not.toContainText('editar');
  // Typing the address of a page the role lacks lands on the first allowed page.
  await page.goto(`${lockedStore.url}#/stock`);
  await expect(page.getByRole('heading', { name: 'Inicio' })).toBeVisible();

  // The same token, called directly, is the cashier's session.
  expect(await lockedStore.rpc('stock.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await lockedStore.rpc('users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const products = await lockedStore.rpc<{ items: Record<string, unknown>[] }>('products.list', { limit: 5 });
  expect(products.ok).toBe(true);
  for (const p of products.data!.items) {
    expect(p).not.toHaveProperty('cost');
    expect(p).not.toHaveProperty('avgCost');
  }

  await page.getByRole('button', { name: 'Salir' }).click();
  await login(page, OWNER.name, OWNER.password);
  await expect(page.getByTestId('current-user')).toContainText(OWNER.name);
  await expect(nav.getByRole('link', { name: /Stock/ })).toBeVisible();
  await page.goto(`${lockedStore.url}#/inicio`);
  await expect(page.getByText('Valor del stock (a costo)')).toBeVisible();
  expect(await lockedStore.rpc('stock.list', {})).toMatchObject({ ok: true });
  const owned = await lockedStore.rpc<{ items: Record<string, unknown>[] }>('products.list', { limit: 5 });
  expect(owned.data!.items[0]).toHaveProperty('cost');
});

test('five wrong passwords lock the account for a while', async ({ page, lockedStore }) => {
  await page.goto(lockedStore.url);
  for (let i = 1; i <= 4; i++) {
    await login(page, CASHIER.name, `equivocada-${i}`);
    await expect(page.getByText('Usuario o contraseña incorrectos.')).toBeVisible();
  }
  await login(page, CASHIER.name, 'equivocada-5');
  await expect(page.getByText(/quedó bloqueada por intentos fallidos/)).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: `${shots}/login-locked.png` });
  // Even the right password waits out the lock.
  await login(page, CASHIER.name, CASHIER.password);
  await expect(page.getByText(/quedó bloqueada por intentos fallidos/)).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveCount(0);
});

test('the app locks itself after the idle time and the PIN unlocks it', async ({ page, lockedStore }) => {
  await page.clock.install();
  await page.goto(lockedStore.url);
  await login(page, OWNER.name, OWNER.password);
  await expect(page.getByTestId('current-user')).toContainText(OWNER.name);
  // The owner sets a PIN and a one-minute idle lock.
  await page.getByRole('button', { name: 'PIN de caja' }).click();
  await page.getByLabel('Tu contraseña').fill(OWNER.password);
  await page.getByLabel('PIN nuevo (4 a 8 dígitos)').fill('1357');
  await page.getByRole('button', { name: 'Guardar PIN' }).click();
  await expect(page.getByText('PIN guardado')).toBeVisible();
  await page.goto(`${lockedStore.url}#/sistema`);
  await page.getByLabel('Bloquear la sesión después de (minutos sin uso)').fill('1');
  await page.getByRole('button', { name: 'Guardar configuración' }).click();
  await expect(page.getByText('Configuración guardada')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('current-user')).toContainText(OWNER.name);

  await page.clock.fastForward('01:05');
  await expect(page.getByRole('heading', { name: 'Sesión bloqueada' })).toBeVisible();
  await page.screenshot({ path: `${shots}/locked.png` });
  expect(await lockedStore.rpc('sales.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  await page.getByLabel('PIN o contraseña').fill('9999');
  await page.keyboard.press('Enter');
  await expect(page.getByText('El PIN o la contraseña no son correctos.')).toBeVisible();
  await page.getByLabel('PIN o contraseña').fill('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toContainText(OWNER.name);
  expect(await lockedStore.rpc('sales.list', {})).toMatchObject({ ok: true });

  // At the counter: "Cambiar de cajero" opens the login on the PIN.
  await page.getByRole('button', { name: 'Cambiar de cajero' }).click();
  await expect(page.getByRole('tab', { name: 'PIN de caja' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Cajero').selectOption(OWNER.name);
  await page.getByLabel('PIN', { exact: true }).fill('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toContainText(OWNER.name);
});

test('the owner adds a cashier, who must change the temporary password at first login', async ({ page, store }) => {
  await page.goto(`${store.url}#/usuarios`);
  await page.getByRole('button', { name: 'Nuevo usuario' }).click();
  await page.getByLabel('Nombre de usuario').fill('Caro');
  await page.getByLabel('Contraseña provisoria').fill('provisoria-1');
  await page.getByRole('button', { name: 'Crear usuario' }).click();
  await expect(page.getByRole('cell', { name: 'Caro' })).toBeVisible();
  await page.screenshot({ path: `${shots}/users.png` });
  await page.getByRole('button', { name: 'Salir' }).click();
  await login(page, 'Caro', 'provisoria-1');
  await expect(page.getByRole('heading', { name: 'Elegí tu contraseña' })).toBeVisible();
  await page.getByLabel('Contraseña provisoria').fill('provisoria-1');
  await page.getByLabel('Contraseña nueva', { exact: true }).fill('la-de-caro-1');
  await page.getByLabel('Repetí la contraseña nueva').fill('la-de-caro-1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toContainText('Caro');
});
