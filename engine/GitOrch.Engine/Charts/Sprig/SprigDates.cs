using System.Globalization;
using System.Text;
using GitOrch.Api.Model;
using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's dates: now, date and dateInZone with Go's reference-time layouts, unixEpoch and toDate.</summary>
public static class SprigDates
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        ["now"] = (_, _) => new GoTime(DateTimeOffset.Now),
        ["date"] = (_, a) => Format(ToText(Exactly(a, 2, "date")[0]), Time(a[1])),
        ["dateInZone"] = (_, a) => Format(ToText(Exactly(a, 3, "dateInZone")[0]), InZone(Time(a[1]), ToText(a[2]))),
        ["unixEpoch"] = (_, a) => Time(Single(a, "unixEpoch")).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["toDate"] = (_, a) => new GoTime(DateTimeOffset.ParseExact(ToText(Exactly(a, 2, "toDate")[1]), DotnetLayout(ToText(a[0])), CultureInfo.InvariantCulture)),
    };

    /// <summary>A time value; it prints as Go prints a time.Time.</summary>
    public sealed record GoTime(DateTimeOffset Value)
    {
        public override string ToString() => Value.ToString("yyyy-MM-dd HH:mm:ss.fffffff zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal);
    }

    private static DateTimeOffset Time(object? value) => value switch
    {
        GoTime time => time.Value,
        long or int or double => DateTimeOffset.FromUnixTimeSeconds(ToInt64(value)).ToLocalTime(),
        _ => DateTimeOffset.Now,
    };

    /// <summary>An unknown zone is UTC, as Go's time.LoadLocation failing leaves Sprig's date functions in UTC.</summary>
    private static DateTimeOffset InZone(DateTimeOffset time, string zone) =>
        TimeZones.Find(zone) is { } found ? TimeZoneInfo.ConvertTime(time, found) : time.ToUniversalTime();

    private static string Format(string layout, DateTimeOffset time) => time.ToString(DotnetLayout(layout), CultureInfo.InvariantCulture);

    private static readonly (string Go, string Dotnet)[] Elements =
    [
        ("2006", "yyyy"), ("January", "MMMM"), ("Monday", "dddd"), ("Z07:00", "K"), ("-07:00", "zzz"), ("-0700", "zzzz"),
        ("Jan", "MMM"), ("Mon", "ddd"), ("MST", "UTC"), (".000000", ".ffffff"), (".000", ".fff"), ("01", "MM"), ("02", "dd"),
        ("15", "HH"), ("03", "hh"), ("04", "mm"), ("05", "ss"), ("06", "yy"), ("PM", "tt"), ("_2", "%d"), ("1", "%M"), ("2", "%d"), ("3", "%h"), ("4", "%m"), ("5", "%s"),
    ];

    /// <summary>Go writes a layout as the reference time Mon Jan 2 15:04:05 MST 2006; .NET as format letters.</summary>
    private static string DotnetLayout(string layout)
    {
        var format = new StringBuilder();
        var at = 0;
        while (at < layout.Length)
        {
            var element = Elements.FirstOrDefault(e => string.CompareOrdinal(layout, at, e.Go, 0, e.Go.Length) == 0);
            if (element.Go is not null)
            {
                format.Append(element.Dotnet == "zzzz" ? "zzz" : element.Dotnet);
                at += element.Go.Length;
                continue;
            }
            var c = layout[at++];
            format.Append(char.IsLetter(c) || c is '%' or '\\' or '"' or '\'' or ':' or '/' ? $"\\{c}" : c.ToString());
        }
        return format.ToString();
    }
}
