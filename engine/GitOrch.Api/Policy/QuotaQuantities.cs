using System.Globalization;
using GitOrch.Api.Model;

namespace GitOrch.Api.Policy;

/// <summary>Writes quota amounts back in the units people read: millicores for cpu, binary suffixes for bytes, plain counts.</summary>
public static class QuotaQuantities
{
    private static readonly (string Suffix, decimal Factor)[] BinarySuffixes = [("Ti", 1024m * 1024 * 1024 * 1024), ("Gi", 1024m * 1024 * 1024), ("Mi", 1024m * 1024), ("Ki", 1024m)];

    public static decimal Parse(string text) => ResourceQuantity.TryParse(text, out var quantity) ? quantity.Value : 0;

    public static string Format(string resource, decimal amount)
    {
        if (resource.EndsWith("cpu", StringComparison.Ordinal))
            return decimal.Truncate(amount) == amount ? Plain(amount) : Plain(decimal.Ceiling(amount * 1000)) + "m";
        if (resource.EndsWith("memory", StringComparison.Ordinal) || resource.EndsWith("storage", StringComparison.Ordinal))
            foreach (var (suffix, factor) in BinarySuffixes)
                if (amount >= factor && amount % factor == 0) return Plain(amount / factor) + suffix;
        return Plain(amount);
    }

    private static string Plain(decimal amount) => amount.ToString("0.###", CultureInfo.InvariantCulture);
}
