"""Bar charts drawn on the server: plain geometry (rectangles in a 100-unit-wide box) that the
template templates/consultations/_chart_bars.html draws as SVG, with the same figures as a
table; right-to-left pages get the bars drawn from the right. Used by the participation
analytics (consultations) and the votes of an adoption (drafts)."""

from dataclasses import dataclass, field

ROW_UNITS = 20  # height of one chart row in SVG user units; one row is 2em on the page


@dataclass
class Segment:
    x: float
    width: float
    color: str


@dataclass
class BarRow:
    key: object
    label: str
    values: dict  # series key -> count
    total: int = 0
    cells: list = field(default_factory=list)  # the values in series order, for the table
    y: float = 0
    segments: list = field(default_factory=list)


@dataclass
class BarChart:
    id: str
    title: str
    rows: list
    series: list  # (key, label, color)
    dimension: str = ""
    description: str = ""
    rtl: bool = False

    @property
    def height_units(self):
        return len(self.rows) * ROW_UNITS

    @property
    def height_em(self):
        return len(self.rows) * 2

    @property
    def totals(self):
        return {key: sum(row.values.get(key, 0) for row in self.rows) for key, _label, _color in self.series}

    @property
    def grand_total(self):
        return sum(row.total for row in self.rows)


def layout(chart):
    """Stacked bars from the inline-start edge: x grows rightwards in LTR, leftwards in RTL."""
    largest = max((row.total for row in chart.rows), default=0)
    for index, row in enumerate(chart.rows):
        row.y = index * ROW_UNITS + 3
        offset = 0.0
        row.segments = []
        for key, _label, color in chart.series:
            value = row.values.get(key, 0)
            if not value or not largest:
                continue
            width = 100.0 * value / largest
            x = 100.0 - offset - width if chart.rtl else offset
            row.segments.append(Segment(round(x, 3), round(width, 3), color))
            offset += width
    summary = "; ".join(f"{row.label}: {row.total}" for row in chart.rows)
    chart.description = summary
    return chart
