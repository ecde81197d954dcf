/** Tokens per day as an SVG bar chart (no chart library: a few rects), with the numbers in a table for screen readers. */
export type DayUsage = { day: string; promptTokens: number; completionTokens: number; messages: number };

const HEIGHT = 160;
const WIDTH = 600;

export function UsageChart({ series }: { series: DayUsage[] }) {
  const max = Math.max(1, ...series.map((d) => d.promptTokens + d.completionTokens));
  const width = WIDTH;
  const step = WIDTH / Math.max(series.length, 1);
  const total = series.reduce((sum, d) => sum + d.promptTokens + d.completionTokens, 0);
  return (
    <figure className="usage-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT + 20}`} role="img" aria-label={`Tokens per day: ${total.toLocaleString("en")} in ${series.length} days`}>
        {series.map((d, i) => {
          const prompt = (d.promptTokens / max) * HEIGHT;
          const completion = (d.completionTokens / max) * HEIGHT;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.promptTokens} prompt + ${d.completionTokens} completion tokens, ${d.messages} replies`}</title>
              <rect className="bar-prompt" x={i * step + step * 0.1} y={HEIGHT - prompt - completion} width={step * 0.8} height={prompt} />
              <rect className="bar-completion" x={i * step + step * 0.1} y={HEIGHT - completion} width={step * 0.8} height={completion} />
            </g>
          );
        })}
        <line x1={0} x2={width} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} className="axis" />
        {series.length > 0 ? (
          <>
            <text x={0} y={HEIGHT + 16} className="axis-label">
              {series[0]!.day}
            </text>
            <text x={width} y={HEIGHT + 16} textAnchor="end" className="axis-label">
              {series.at(-1)!.day}
            </text>
          </>
        ) : null}
      </svg>
      <figcaption className="muted small">
        <span className="swatch swatch-prompt" aria-hidden="true" /> prompt tokens <span className="swatch swatch-completion" aria-hidden="true" /> completion
        tokens
      </figcaption>
    </figure>
  );
}
