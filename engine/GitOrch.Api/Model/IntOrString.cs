using System.Globalization;

namespace GitOrch.Api.Model;

/// <summary>A field that holds either a number or a name, such as a Service's targetPort.</summary>
public sealed record IntOrString(string Value)
{
    public bool IsInt => int.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    /// <summary>Whether <see cref="Scaled"/> can read this: a whole number, or a whole percentage such as 25%.</summary>
    public bool IsCountOrPercent =>
        IsInt || Value.EndsWith('%') && int.TryParse(Value.AsSpan(0, Value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public int AsInt() => int.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>
    /// The number this stands for out of <paramref name="total"/>: itself, or a percentage of the total,
    /// rounded up for a surge and down for an unavailability budget, as Kubernetes does.
    /// </summary>
    public int Scaled(int total, bool roundUp)
    {
        if (!Value.EndsWith('%')) return AsInt();
        var percent = int.Parse(Value.AsSpan(0, Value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var exact = total * percent / 100.0;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }

    public static implicit operator IntOrString(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => Value;
}
