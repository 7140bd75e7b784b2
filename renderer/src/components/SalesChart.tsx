import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { formatMoney } from '../lib/format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const WEEKDAY = ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'];

/** Sales per day as bars: one accent colour, Spanish labels, readable in black and white. */
export function SalesChart({ days }: { days: { date: string; total: number; tickets: number }[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: days.map((d) => `${WEEKDAY[new Date(`${d.date}T12:00:00Z`).getUTCDay()]} ${d.date.slice(8, 10)}/${d.date.slice(5, 7)}`),
        datasets: [{ label: 'Ventas', data: days.map((d) => d.total / 100), backgroundColor: '#0f766e', borderRadius: 3 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          y: { ticks: { callback: (v) => formatMoney(Number(v) * 100).replace(/,00$/, '') }, grid: { color: '#eef0f3' } },
          x: { grid: { display: false } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => {
                const day = days[item.dataIndex]!;
                return `${formatMoney(day.total)} · ${day.tickets} tickets`;
              },
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [days]);
  return (
    <div className="chart" role="img" aria-label={`Ventas de los últimos ${days.length} días`}>
      <canvas ref={canvas} />
    </div>
  );
}
