using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOrch.Api.Model;

/// <summary>A resource amount such as <c>100m</c>, <c>1.5</c>, <c>128Mi</c> or <c>1G</c>, held as a decimal.</summary>
public readonly partial record struct ResourceQuantity(decimal Value)
{
    private static readonly Dictionary<string, decimal> Suffixes = new()
    {
        [""] = 1m,
        ["n"] = 0.000000001m,
        ["u"] = 0.000001m,
        ["m"] = 0.001m,
        ["k"] = 1e3m,
        ["M"] = 1e6m,
        ["G"] = 1e9m,
        ["T"] = 1e12m,
        ["P"] = 1e15m,
        ["E"] = 1e18m,
        ["Ki"] = 1024m,
        ["Mi"] = 1024m * 1024,
        ["Gi"] = 1024m * 1024 * 1024,
        ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024,
        ["Ei"] = 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
    };

    public static ResourceQuantity Parse(string text)
    {
        if (!TryParse(text, out var quantity))
            throw new FormatException($"invalid resource quantity \"{text}\"");
        return quantity;
    }

    public static bool TryParse(string? text, out ResourceQuantity quantity)
    {
        quantity = default;
        var match = text is null ? Match.Empty : Shape().Match(text.Trim());
        if (!match.Success || !Suffixes.TryGetValue(match.Groups["suffix"].Value, out var multiplier))
            return false;
        try
        {
            var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (match.Groups["exponent"].Success)
                number *= (decimal)Math.Pow(10, int.Parse(match.Groups["exponent"].Value, CultureInfo.InvariantCulture));
            quantity = new ResourceQuantity(number * multiplier);
            return true;
        }
        catch (OverflowException)
        {
            return false; // beyond what any node holds, such as 1e400
        }
    }

    /// <summary>The amount in thousandths, held at the range of a long for amounts no node could hold (such as 100Ei).</summary>
    public long MilliValue => Math.Abs(Value) >= long.MaxValue / 1000m
        ? (Value > 0 ? long.MaxValue : long.MinValue)
        : (long)decimal.Ceiling(Value * 1000);

    public static ResourceQuantity operator +(ResourceQuantity a, ResourceQuantity b) => new(a.Value + b.Value);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<number>[+-]?(\d+\.?\d*|\.\d+))(?:[eE](?<exponent>[+-]?\d+)|(?<suffix>[a-zA-Z]{0,2}))$")]
    private static partial Regex Shape();
}
