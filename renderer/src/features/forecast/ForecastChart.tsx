import { useEffect, useRef } from 'react';
import { CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { ForecastProduct } from '../../../../contract';
import { formatDecimal } from '../../lib/format';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Legend, Tooltip);

const WEEKDAY = ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'];
const label = (date: string) => `${WEEKDAY[new Date(`${date}T12:00:00Z`).getUTCDay()]} ${date.slice(8, 10)}/${date.slice(5, 7)}`;

/**
 * What sold each day, then the forecast: the expected line and the P50–P90
 * band. Days whose demand is unknown (the shelf was empty at close, or the
 * store closed) are gaps, with an orange mark where stock ran out.
 */
export function ForecastChart({ data }: { data: ForecastProduct }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const history = data.history;
    const forecast = data.forecast;
    const labels = [...history.map((d) => label(d.date)), ...forecast.map((d) => label(d.date))];
    const pad = (n: number) => new Array<null>(n).fill(null);
    // The forecast line starts at the last known day so the two read as one story.
    const lastKnown = history.length > 0 ? history[history.length - 1]!.demand : null;
    // The axis must hold the tallest day sold and the band's top.
    const top = Math.max(1, ...history.map((d) => d.demand ?? 0), ...forecast.map((d) => d.p90));
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: 'Vendido',
            data: [...history.map((d) => d.demand), ...pad(forecast.length)],
            borderColor: '#344054',
            backgroundColor: '#344054',
            borderWidth: 1.5,
            pointRadius: 0,
            spanGaps: false,
          },
          {
            label: 'Sin stock al cierre',
            data: [...history.map((d) => (d.censored ? 0 : null)), ...pad(forecast.length)],
            showLine: false,
            borderColor: '#b54708',
            backgroundColor: '#b54708',
            pointRadius: 4,
            pointStyle: 'triangle',
          },
          {
            label: 'P50',
            data: [...pad(history.length), ...forecast.map((d) => d.p50)],
            borderColor: 'rgb(15 118 110 / 0.35)',
            borderWidth: 1,
            pointRadius: 0,
            stepped: 'middle',
          },
          {
            label: 'Banda P50–P90',
            // Fills down to the P50 line just above it in this list.
            data: [...pad(history.length), ...forecast.map((d) => d.p90)],
            borderColor: 'rgb(15 118 110 / 0.35)',
            backgroundColor: 'rgb(15 118 110 / 0.16)',
            borderWidth: 1,
            pointRadius: 0,
            stepped: 'middle',
            fill: '-1',
          },
          {
            label: 'Pronóstico',
            data: [...pad(history.length - 1), lastKnown, ...forecast.map((d) => d.mean)],
            borderColor: '#0f766e',
            borderWidth: 2,
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { grid: { display: false }, ticks: { maxTicksLimit: 12, autoSkip: true, maxRotation: 0 } },
          y: { beginAtZero: true, max: Math.ceil(top * 1.1), grid: { color: '#eef0f3' }, title: { display: true, text: data.product.unit === 'un' ? 'unidades por día' : `${data.product.unit} por día` } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12, filter: (item) => item.text !== 'P50' } },
          tooltip: {
            filter: (item) => item.raw !== null && item.dataset.label !== 'P50',
            callbacks: {
              label: (item) => {
                if (item.dataset.label === 'Sin stock al cierre') return 'Sin stock al cierre: demanda desconocida';
                if (item.dataset.label === 'Banda P50–P90') {
                  const day = forecast[item.dataIndex - history.length];
                  return day ? `P50 ${formatDecimal(day.p50)} · P90 ${formatDecimal(day.p90)}` : '';
                }
                return `${item.dataset.label}: ${formatDecimal(Number(item.raw))}`;
              },
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [data]);
  return (
    <div className="chart chart-tall" role="img" aria-label={`Ventas de los últimos ${data.history.length} días y pronóstico de ${data.forecast.length} días de ${data.product.name}`}>
      <canvas ref={canvas} />
    </div>
  );
}
