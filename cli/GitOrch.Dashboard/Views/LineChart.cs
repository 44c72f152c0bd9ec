using System.Globalization;
using System.Text;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>A small SVG line chart, one line per series, drawn on the server so the page needs no chart script; its label states the latest values in words.</summary>
internal static class LineChart
{
    private const int Width = 600;
    private const int Height = 140;

    public static string Render(string title, string unit, IReadOnlyList<(string Name, string CssClass, IReadOnlyList<double?> Values)> series, double? threshold = null)
    {
        var max = series.SelectMany(line => line.Values).OfType<double>().Append(threshold ?? 0).DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1 : max * 1.1;
        var points = Math.Max(2, series.Max(line => line.Values.Count));
        var svg = new StringBuilder();
        var latest = string.Join("; ", series.Select(line => $"{line.Name} {Format(line.Values.LastOrDefault(value => value is not null), unit)}"));
        svg.Append($"<figure class=\"chart\"><svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}: {E(latest)}\"><title>{E(title)}</title>")
           .Append($"<line class=\"axis\" x1=\"0\" y1=\"{Height - 1}\" x2=\"{Width}\" y2=\"{Height - 1}\"/>");
        if (threshold is { } limit)
            svg.Append($"<line class=\"threshold\" x1=\"0\" x2=\"{Width}\" y1=\"{Y(limit, max)}\" y2=\"{Y(limit, max)}\"/>");
        foreach (var (_, cssClass, values) in series)
        {
            var path = string.Join(' ', values.Select((value, index) => (value, index)).Where(point => point.value is not null)
                .Select(point => $"{((double)point.index / (points - 1) * Width).ToString("0.#", CultureInfo.InvariantCulture)},{Y(point.value!.Value, max)}"));
            if (path.Length > 0) svg.Append($"<polyline class=\"{cssClass}\" points=\"{path}\"/>");
        }
        svg.Append("</svg><figcaption>").Append(E(title)).Append(": ");
        svg.Append(string.Join(", ", series.Select(line => $"<span class=\"key {line.CssClass}\">{E(line.Name)}</span> {E(Format(line.Values.LastOrDefault(value => value is not null), unit))}")));
        if (threshold is { } shown) svg.Append($", threshold {E(Format(shown, unit))}");
        return svg.Append("</figcaption></figure>").ToString();
    }

    private static string Y(double value, double max) => (Height - 2 - value / max * (Height - 4)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Format(double? value, string unit) => value switch
    {
        null => "no data",
        var number when unit == "%" => $"{number.Value:0.##}%",
        var number => $"{number.Value:0.#} {unit}",
    };
}
