/**
 * SVG and PNG files of a plotted figure that stand on their own: the figure's title, its legend
 * (shown even where the page hides it for a single curve) and the full reproducibility stamp
 * (version, commit, model and scenario hashes, solver settings, browser) under the plot. The page's
 * figure is not changed; plotly renders a copy.
 */
import Plotly from 'plotly.js-dist';
import { stampLines, type Stamp } from '../scenario/csv.ts';
import { download, safeFileName } from './export.ts';

type Obj = Record<string, unknown>;
const P = Plotly as unknown as {
  toImage(fig: { data: Obj[]; layout: Obj; config?: Obj }, opts: Obj): Promise<string>;
};

export type ImageFormat = 'svg' | 'png';

const STAMP_LINE_PX = 13;
const TITLE_PX = 46;

/** The figure of `plot` with title, legend and stamp, rendered as an SVG text or a PNG data URL. */
export async function figureImage(plot: HTMLElement, format: ImageFormat, title: string, stamp: Stamp, extra: string[] = []): Promise<string> {
  const gd = plot as unknown as { data: Obj[]; layout: Obj; _fullLayout?: { width?: number; height?: number } };
  const lines = [...stampLines(stamp).map((l) => l.replace(/^# /, '')), ...extra];
  const margin = (gd.layout.margin ?? {}) as Obj;
  const bottom = 56 + STAMP_LINE_PX * lines.length;
  const width = gd._fullLayout?.width ?? plot.clientWidth ?? 900;
  const height = (gd._fullLayout?.height ?? 400) + TITLE_PX + bottom - Number(margin.b ?? 10);
  const named = gd.data.filter((t) => t.showlegend !== false && t.name);
  const layout: Obj = {
    ...gd.layout,
    width,
    height,
    title: { text: escapeText(title), x: 0.01, xanchor: 'left', y: 1 - 14 / height, yanchor: 'top', yref: 'container', font: { size: 15 } },
    margin: { ...margin, t: Number(margin.t ?? 10) + TITLE_PX, b: bottom },
    showlegend: named.length > 0,
    legend: { ...((gd.layout.legend ?? {}) as Obj), orientation: 'h', x: 0, y: 1, yanchor: 'bottom' },
    annotations: [
      ...(((gd.layout.annotations ?? []) as Obj[])),
      {
        xref: 'paper', yref: 'paper', x: 0, y: 0, xanchor: 'left', yanchor: 'top', yshift: -44, align: 'left', showarrow: false,
        text: lines.map(escapeText).join('<br>'), font: { size: 10, color: '#52606d' }, meta: { role: 'stamp' },
      },
    ],
  };
  // At least one trace shows in the legend, so even a single run names itself.
  const data = gd.data.map((t, i) => (i === 0 && named.length === 0 && t.name ? { ...t, showlegend: true } : t));
  if (named.length === 0 && data.some((t) => t.showlegend)) layout.showlegend = true;
  const url = await P.toImage({ data, layout, config: { staticPlot: true } }, { format, width, height, scale: format === 'png' ? 2 : 1 });
  if (format === 'svg') return decodeURIComponent(url.replace(/^data:image\/svg\+xml,/, ''));
  return url;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders and downloads the figure; the file name comes from `fileBase`. */
export async function downloadFigure(plot: HTMLElement, format: ImageFormat, fileBase: string, title: string, stamp: Stamp, extra: string[] = []): Promise<void> {
  const image = await figureImage(plot, format, title, stamp, extra);
  if (format === 'svg') {
    download(safeFileName(fileBase, 'svg'), image, 'image/svg+xml');
    return;
  }
  const bytes = Uint8Array.from(atob(image.replace(/^data:image\/png;base64,/, '')), (c) => c.charCodeAt(0));
  download(safeFileName(fileBase, 'png'), new Blob([bytes], { type: 'image/png' }));
}
