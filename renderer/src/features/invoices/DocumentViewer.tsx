import { useEffect, useRef, useState } from 'react';
import type { InvoiceBox } from '../../../../contract';

/**
 * The invoice's pages as images, zoomable (+ and − buttons, Ctrl+wheel), with
 * the region of the field or line being reviewed outlined and scrolled into view.
 */
export function DocumentViewer({ pages, highlight }: { pages: { dataUrl: string; width: number; height: number }[]; highlight: InvoiceBox | null }) {
  const [zoom, setZoom] = useState(1);
  const mark = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, and React would take it for a cleanup.
    mark.current?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
  }, [highlight, zoom]);
  const clamp = (z: number) => Math.min(3, Math.max(0.5, Math.round(z * 10) / 10));
  return (
    <div className="viewer">
      <div className="viewer-tools">
        <button type="button" className="button" aria-label="Alejar" onClick={() => setZoom((z) => clamp(z - 0.25))}>
          −
        </button>
        <span className="muted">{Math.round(zoom * 100)} %</span>
        <button type="button" className="button" aria-label="Acercar" onClick={() => setZoom((z) => clamp(z + 0.25))}>
          +
        </button>
      </div>
      <div
        className="viewer-pages"
        onWheel={(e) => {
          if (!e.ctrlKey) return;
          e.preventDefault();
          setZoom((z) => clamp(z - Math.sign(e.deltaY) * 0.1));
        }}
      >
        {pages.map((page, i) => (
          <div key={i} className="viewer-page" style={{ width: `${zoom * 100}%` }}>
            <img src={page.dataUrl} alt={`Página ${i + 1} de la factura`} width={page.width} height={page.height} />
            {highlight && highlight.page === i + 1 ? (
              <div
                ref={mark}
                className="viewer-mark"
                style={{ left: `${highlight.x * 100 - 0.5}%`, top: `${highlight.y * 100 - 0.4}%`, width: `${highlight.w * 100 + 1}%`, height: `${highlight.h * 100 + 0.8}%` }}
              />
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}
