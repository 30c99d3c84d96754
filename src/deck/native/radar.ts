/** The 德能勤廉 radar of a 个人考核画像 as a native radar chart: the leader against the group mean. */
import type { ChartSpec } from "../../charts";
import { shade, type Theme } from "../../charts/theme";
import type { Rect, SlideCanvas } from "../draw";
import { dropEmptyPoints, hex, mapSeries, setSeriesShape } from "../ooxml";
import { baseOptions, layoutOf, num, scaleOf, type ChartPatch } from "./frame";
import { compactHeader } from "./votes";

/** A leader against the group mean on the assessment's one radial scale. */
export function leaderRadarChart(c: SlideCanvas, t: Theme, spec: ChartSpec, block: Rect): ChartPatch[] {
  const area = compactHeader(c, t, spec, block);
  const rows = spec.table.rows;
  const r = scaleOf(spec, "r");
  const fixed = (v: number | null) => (v === null ? "—" : v.toFixed(2));
  const cats = rows.map((row) => {
    const avg = num(row[2]);
    return `${row[0]} ${fixed(num(row[1]))}${avg === null ? "" : `\n均 ${fixed(avg)}`}`;
  });
  // A square plot in the middle, room around it for the two-line labels.
  const side = Math.min(area.w - 2 * 70, area.h - 2 * 40);
  const plot = { x: area.x + (area.w - side) / 2, y: area.y + (area.h - side) / 2, w: side, h: side };
  const [own, average] = spec.table.seriesColors ?? [t.grades["称职"], t.average];
  c.chart(
    "radar",
    [
      { name: String(spec.table.headers[1]), labels: cats, values: rows.map((row) => num(row[1])) },
      { name: String(spec.table.headers[2]), labels: cats, values: rows.map((row) => num(row[2])) },
    ],
    area,
    spec.title,
    {
      ...baseOptions(c, t, { tick: t.size.source - 1, label: t.size.label }),
      catAxisLabelFontBold: true,
      radarStyle: "filled",
      chartColors: [hex(own), hex(average)],
      valAxisMinVal: r.min,
      valAxisMaxVal: r.max,
      ...(r.step ? { valAxisMajorUnit: r.step } : {}),
      valAxisLabelFormatCode: "0",
      valGridLine: { color: hex(t.grid), size: 0.75, style: "solid" },
      layout: layoutOf(area, plot),
    },
  );
  return [
    (xml) =>
      dropEmptyPoints(
        mapSeries(xml, (ser, k) =>
          k === 0
            ? setSeriesShape(ser, { fill: own, opacity: 0.45, line: shade(own, 0.55), lineWidth: 2 })
            : setSeriesShape(ser, { fill: null, line: average, lineWidth: 1.25, dash: "dash" }),
        ),
      ),
  ];
}
