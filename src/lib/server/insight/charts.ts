/**
 * Charts drawn on the server: Apache ECharts in its server-side mode renders each chart to an
 * SVG string, so the dashboard and the evaluation show them without any script, and no page
 * (residents' least of all) downloads a chart library. Each chart keeps its data as a table,
 * shown beside it for screen readers and for reading exact figures.
 */
import * as echarts from 'echarts';

export interface ChartSeries {
	name: string;
	data: number[];
	/** Series with the same stack are drawn on top of each other. */
	stack?: string;
	/** `line` draws a line over the bars (e.g. a rate, a mean). */
	type?: 'bar' | 'line';
	color?: string;
}

export interface ChartSpec {
	id: string;
	title: string;
	/** The category axis: months, units, categories, scores. */
	categories: string[];
	series: ChartSeries[];
	/** Bars along the horizontal axis, categories down the side (long names, narrow phones). */
	horizontal?: boolean;
}

export interface Chart {
	id: string;
	title: string;
	svg: string;
	table: { head: string[]; rows: (string | number)[][] };
}

/** The accent and calm companions (tokens.css): on time, late, open, a fourth for lines. */
export const PALETTE = ['#1f5f8b', '#b42318', '#9aa8b8', '#1b7a3d', '#8a5a00'];
const FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
/** Drawn at phone width: the SVG scales to its box (viewBox), so text stays readable at 390 px. */
const WIDTH = 440;

const escapeAttr = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function optionOf(spec: ChartSpec, font: number): echarts.EChartsCoreOption {
	const category = {
		type: 'category',
		data: spec.categories,
		axisLabel: {
			fontSize: font,
			interval: 0,
			hideOverlap: !spec.horizontal,
			width: 110,
			overflow: 'truncate'
		},
		inverse: !!spec.horizontal
	};
	const value = { type: 'value', minInterval: 1, axisLabel: { fontSize: font } };
	return {
		animation: false,
		color: PALETTE,
		textStyle: { fontFamily: FONT, fontSize: font },
		legend:
			spec.series.length > 1 ? { top: 0, itemGap: 12, textStyle: { fontSize: font } } : undefined,
		grid: {
			left: 8,
			right: 16,
			top: spec.series.length > 1 ? font * 2.4 : 12,
			bottom: 8,
			containLabel: true
		},
		xAxis: spec.horizontal ? value : category,
		yAxis: spec.horizontal ? category : value,
		series: spec.series.map((s) => ({
			name: s.name,
			type: s.type ?? 'bar',
			stack: s.stack,
			data: s.data,
			itemStyle: s.color ? { color: s.color } : undefined,
			barMaxWidth: 28
		}))
	};
}

/** Render one chart to an SVG string (sized for phones; `elder` draws larger text). */
export function renderChart(spec: ChartSpec, opts: { elder?: boolean } = {}): Chart {
	const font = opts.elder ? 17 : 13;
	const height = spec.horizontal
		? Math.max(160, spec.categories.length * (font * 2.6) + font * 5)
		: opts.elder
			? 300
			: 260;
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
	let svg: string;
	try {
		chart.setOption(optionOf(spec, font));
		svg = chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
	// The chart is named by its figure's heading; its table (beside it) carries the figures.
	svg = svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeAttr(spec.title)}" `);
	return {
		id: spec.id,
		title: spec.title,
		svg,
		table: {
			head: ['', ...spec.series.map((s) => s.name)],
			rows: spec.categories.map((c, i) => [c, ...spec.series.map((s) => s.data[i] ?? 0)])
		}
	};
}
