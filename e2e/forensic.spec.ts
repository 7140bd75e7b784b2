import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/**
 * Forense with the demo store: the first review run from the screen (F5), its
 * findings filtered by severity and entity, a finding's evidence,
 * an acknowledgement with a note, the PDF, and the settings refused then saved.
 */
test('a forensic review from the screen: run, filter, evidence, acknowledge, export', async ({ page, demoStore }) => {
  await page.goto(demoStore.url);
  await expect(page.getByRole('heading', { name: 'Inicio' })).toBeVisible();
  await page.keyboard.press('Alt+f');
  await expect(page.getByRole('heading', { name: 'Forense' })).toBeVisible();
  await expect(page.getByText('Todavía no hay revisiones')).toBeVisible();

  await page.keyboard.press('F5');
  const findings = page.getByRole('table', { name: 'Hallazgos' });
  await expect(findings).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Cadena de auditoría')).toBeVisible();
  await expect(page.getByText('Verificó', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Indicadores del período' })).toContainText('Rotación anual');
  await expect(page.getByRole('table', { name: 'Indicadores del período' })).toContainText('Margen por peso de stock (GMROI)Pesos de margen bruto por año');
  await expect(page.getByRole('table', { name: 'Historial de revisiones' }).getByRole('row')).toHaveCount(2);
  const rows = findings.locator('tbody tr');
  const total = await rows.count();
  expect(total).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/forense.png' });

  // Filters: severity, then an entity that no finding names.
  await page.getByRole('combobox', { name: 'Severidad' }).selectOption('alta');
  for (const badge of await findings.locator('tbody .severity').allTextContents()) expect(badge).toBe('Alta');
  await page.getByRole('combobox', { name: 'Severidad' }).selectOption('');
  await page.getByRole('searchbox', { name: 'Entidad' }).fill('nadie-se-llama-asi');
  await expect(page.getByText('Ningún hallazgo coincide con los filtros.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Entidad' }).fill('');
  await expect(rows).toHaveCount(total);

  // A finding's detail, from the keyboard: its evidence and an acknowledgement.
  await findings.focus();
  await page.keyboard.press('ArrowDown');
  const detail = page.getByRole('complementary', { name: 'Detalle del hallazgo' });
  await expect(detail.getByRole('table', { name: 'Evidencia' })).toBeVisible();
  const title = await detail.getByRole('heading').first().textContent();
  await detail.getByRole('button', { name: 'Marcar como visto' }).click();
  await expect(detail.getByText('Escribí qué viste o qué se hizo')).toBeVisible();
  await detail.getByLabel('Nota (qué viste, qué se hizo)').fill('Revisado con el encargado');
  await detail.getByRole('button', { name: 'Marcar como visto' }).click();
  await expect(detail.getByText(/Visto por Dueña .*«Revisado con el encargado»/)).toBeVisible();
  await expect(findings.getByRole('row', { name: new RegExp(title!.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toContainText('Visto');
  await page.screenshot({ path: 'test-results/screens/forense-hallazgo.png' });

  const download = page.waitForEvent('download');
  await page.keyboard.press('F9');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^revision-forense-\d{4}-\d{2}-\d{2}-a-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(readFileSync(await file.path()).subarray(0, 5).toString()).toBe('%PDF-');

  // Settings: a shift change outside the opening hours is refused, then fixed.
  await page.getByRole('button', { name: 'Configuración' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configuración de la revisión' });
  await dialog.getByLabel('Cambio de turno').fill('23:30');
  await dialog.getByRole('button', { name: /Guardar/ }).click();
  await expect(dialog.getByText('El cambio de turno tiene que quedar entre la apertura y el cierre')).toBeVisible();
  await dialog.getByLabel('Cambio de turno').fill('15:00');
  await dialog.getByLabel('Hora de la revisión').fill('04:30');
  await dialog.getByRole('button', { name: /Guardar/ }).click();
  await expect(dialog).toHaveCount(0);
  const saved = await demoStore.rpc<{ settings: { nightlyTime: string; hours: { shiftChange: string } } }>('forensic.status');
  expect(saved.data?.settings).toMatchObject({ nightlyTime: '04:30', hours: { shiftChange: '15:00' } });
});
